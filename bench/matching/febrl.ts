// Accuracy benchmark on the FEBRL synthetic person data (npx tsx bench/matching/febrl.ts).
// The model is trained unsupervised on each data set; the true labels (rec-N-...) are used only to score.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { dedupeCsv } from '../../src/modules/matching/batch.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data/febrl');

interface Row {
  id: string;
  cells: string[];
}

function readFebrl(file: string): Row[] {
  const rows: string[][] = parse(readFileSync(path.join(dataDir, file), 'utf8'), { trim: true, skip_empty_lines: true });
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  return rows.slice(1).map((r) => {
    const get = (name: string) => r[col(name)] ?? '';
    const address = [get('street_number'), get('address_1'), get('suburb')].filter(Boolean).join(' ');
    // id,given_name,family_name,date_of_birth,sex,postcode,address,identifier
    return {
      id: get('rec_id'),
      cells: [get('rec_id'), get('given_name'), get('surname'), get('date_of_birth'), '', get('postcode'), address, get('soc_sec_id')],
    };
  });
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const entity = (id: string) => id.split('-')[1];

async function run(name: string, files: string[], target: number, splink: number) {
  const rows = files.flatMap(readFebrl);
  const dir = mkdtempSync(path.join(tmpdir(), 'febrl-'));
  try {
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.csv');
    const csv = ['id,given_name,family_name,date_of_birth,sex,postcode,address,identifier', ...rows.map((r) => r.cells.map(quote).join(','))];
    writeFileSync(input, `${csv.join('\n')}\n`);
    const start = performance.now();
    // FEBRL's typo'd dates (e.g. 19560431) are kept as text, as Splink does.
    const result = await dedupeCsv(input, output, { threshold: 0.5, lenientDates: true });
    const seconds = (performance.now() - start) / 1000;
    const sizes = new Map<string, number>();
    for (const r of rows) sizes.set(entity(r.id), (sizes.get(entity(r.id)) ?? 0) + 1);
    let truePairs = 0;
    for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
    const found: string[][] = parse(readFileSync(output, 'utf8'), { from_line: 2 });
    const tp = found.filter(([l, r]) => entity(l) === entity(r)).length;
    const precision = found.length ? tp / found.length : 1;
    const recall = tp / truePairs;
    const f1 = (2 * precision * recall) / (precision + recall);
    // Recall of blocking alone: how many true pairs were ever compared.
    console.log(`${name}: ${rows.length} records, ${truePairs} true pairs`);
    console.log(`  precision ${precision.toFixed(4)}  recall ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  (target ≥ ${target}, Splink ${splink})`);
    console.log(`  comparisons ${result.comparisons}  predicted pairs ${found.length}  true positives ${tp}  time ${seconds.toFixed(2)} s`);
    console.log(`  prior P(match) ${result.model.probabilityTwoRandomRecordsMatch.toExponential(3)}`, JSON.stringify(result.model.training));
    if (process.env.FEBRL_VERBOSE) {
      for (const c of result.model.comparisons) {
        console.log(
          `  ${c.name}: ${c.levels.map((l) => `${l.label} m=${l.m.toFixed(4)} u=${l.u.toExponential(2)} w=${Math.log2(l.m / l.u).toFixed(1)}`).join(' | ')}`,
        );
      }
    }
    return f1 >= target;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ok3 = await run('febrl3', ['dataset3.csv'], 0.99, 0.9929);
const ok4 = await run('febrl4', ['dataset4a.csv', 'dataset4b.csv'], 0.995, 0.9992);
process.exitCode = ok3 && ok4 ? 0 : 1;
