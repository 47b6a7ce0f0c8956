// Writes generated people as a persons CSV plus the truth beside it (FILE.truth: the invented person of
// each record, one per line), in a process of its own so that benchmarks measure only the dedupe.
//   npx tsx bench/matching/generate.ts N FILE.csv [--uk] [--seed S]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePeople, toCsv } from './synthetic.ts';
import { generateUkPeople } from './uk-style.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { uk: { type: 'boolean' }, seed: { type: 'string' } } });
const n = Number(positionals[0]);
const file = positionals[1];
if (!(n > 1) || !file) throw new Error('usage: generate.ts N FILE.csv [--uk] [--seed S]');
const seed = values.seed === undefined ? undefined : Number(values.seed);
const people = values.uk ? generateUkPeople(n, seed) : generatePeople(n, seed);
writeFileSync(file, toCsv(people));
writeFileSync(`${file}.truth`, `${people.map((p) => p.person).join('\n')}\n`);
