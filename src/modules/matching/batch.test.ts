import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generatePeople, toCsv } from '../../../bench/matching/synthetic.ts';
import { DedupeInputError, dedupeCsv, OUTPUT_HEADER } from './batch.ts';
import { personsDedupe } from './cli.ts';

const HEADER = 'id,given_name,family_name,date_of_birth,sex,postcode,address,identifier';
let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'matching-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function rejectsWithNothingWritten(input: string, pattern: RegExp, line?: number) {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
  const beforeFiles = readdirSync(dir).length;
  await assert.rejects(dedupeCsv(input, out), (error: unknown) => {
    assert.ok(error instanceof DedupeInputError, String(error));
    assert.match(error.message, pattern);
    if (line !== undefined) assert.equal(error.line, line);
    return true;
  });
  assert.equal(existsSync(out), false, 'no output on error');
  assert.equal(readdirSync(dir).length, beforeFiles, 'no temporary files left behind');
}

describe('dedupeCsv', () => {
  it('writes each matching pair once, with the probability and match weight', async () => {
    const people = generatePeople(1500, 3);
    const input = write('people.csv', toCsv(people));
    const out = path.join(dir, 'pairs.csv');
    const result = await dedupeCsv(input, out);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    assert.equal(lines[0], OUTPUT_HEADER);
    const seen = new Set<string>();
    const personOf = new Map(people.map((p) => [p.id, p.person]));
    let correct = 0;
    for (const line of lines.slice(1)) {
      const [l, r, probability, weight] = line.split(',');
      assert.notEqual(l, r);
      const key = [l, r].sort().join('|');
      assert.ok(!seen.has(key), 'pair written twice');
      seen.add(key);
      assert.ok(Number(probability) >= 0.5 && Number(probability) <= 1);
      assert.ok(Number.isFinite(Number(weight)));
      if (personOf.get(l) === personOf.get(r)) correct++;
    }
    assert.equal(result.pairsWritten, lines.length - 1);
    assert.ok(lines.length > 50);
    assert.ok(correct / (lines.length - 1) > 0.9, `precision ${correct / (lines.length - 1)}`);
  });

  it('writes the same pairs and weights with worker threads as in one thread', async () => {
    const input = write('parallel.csv', toCsv(generatePeople(3000, 11)));
    const one = path.join(dir, 'one.csv');
    const two = path.join(dir, 'two.csv');
    const a = await dedupeCsv(input, one, { workers: 1 });
    const b = await dedupeCsv(input, two, { workers: 2 });
    assert.equal(b.workers, 2);
    assert.equal(readFileSync(two, 'utf8'), readFileSync(one, 'utf8'));
    assert.deepEqual(b.blocking, a.blocking);
    assert.equal(b.comparisons, a.comparisons);
    assert.deepEqual(b.model, a.model);
  });

  it('reports bad input from worker threads with its line, and writes nothing', async () => {
    const bad = write('parallel-bad.csv', `${toCsv(generatePeople(200, 2))}X1,Amy,Lee,2010-02-30,F,,,\n`);
    const out = path.join(dir, 'parallel-bad-out.csv');
    await assert.rejects(dedupeCsv(bad, out, { workers: 2 }), (error: unknown) => {
      assert.ok(error instanceof DedupeInputError);
      assert.equal(error.line, 202);
      assert.match(error.message, /^line 202: date_of_birth: .*not a real calendar date/);
      return true;
    });
    assert.equal(existsSync(out), false);
  });

  it('accepts both date formats, empty values and extra columns', async () => {
    const input = write('ok.csv', `${HEADER},notes\n1,Kayleigh,Smith,2009-03-05,F,B1 1AA,,9990000018,x\n2,Kaylee,Smith,20090503,,b11aa,,,\n3,,,,,,,,\n`);
    const out = path.join(dir, 'ok-pairs.csv');
    await dedupeCsv(input, out, { threshold: 0 });
    assert.match(readFileSync(out, 'utf8'), /^id_l,id_r,probability,match_weight\n/);
  });

  it('names a missing column', () =>
    rejectsWithNothingWritten(
      write('missing.csv', 'id,given_name,family_name,sex\n1,a,b,F\n'),
      /line 1: .*missing column\(s\): date_of_birth, postcode, address, identifier/,
      1,
    ));

  it('names the line of a malformed date', () =>
    rejectsWithNothingWritten(
      write('baddate.csv', `${HEADER}\n1,Amy,Lee,2010-01-02,F,,,\n2,Ann,Lee,02/01/2010,F,,,\n`),
      /line 3: date_of_birth: .*02\/01\/2010/,
      3,
    ));

  it('rejects impossible dates unless lenient', async () => {
    const input = write('impossible.csv', `${HEADER}\n1,Amy,Lee,2010-02-30,F,,,\n2,Ann,Lee,2010-01-01,F,,,\n`);
    await rejectsWithNothingWritten(input, /line 2: .*not a real calendar date/, 2);
    await dedupeCsv(input, path.join(dir, 'lenient.csv'), { lenientDates: true });
  });

  it('reports an unreadable file', () => rejectsWithNothingWritten(path.join(dir, 'does-not-exist.csv'), /cannot read .*does-not-exist\.csv/));

  it('reports rows with the wrong number of columns and duplicate ids', async () => {
    await rejectsWithNothingWritten(write('ragged.csv', `${HEADER}\n1,Amy,Lee,2010-01-02,F,,,\n2,Ann\n`), /line 3: .*columns/i, 3);
    await rejectsWithNothingWritten(write('dupid.csv', `${HEADER}\n1,Amy,Lee,2010-01-02,F,,,\n1,Ann,Lee,,F,,,\n`), /line 3: id "1" appears more than once/, 3);
  });

  it('leaves an existing output untouched on error', async () => {
    const out = write('existing.csv', 'keep me\n');
    await assert.rejects(dedupeCsv(write('bad2.csv', 'nope\n'), out));
    assert.equal(readFileSync(out, 'utf8'), 'keep me\n');
  });
});

describe('jigsaw persons dedupe', () => {
  const quietly = async (args: string[]) => {
    const write = process.stderr.write;
    let stderr = '';
    process.stderr.write = ((chunk: string) => {
      stderr += chunk;
      return true;
    }) as typeof process.stderr.write;
    try {
      return { code: await personsDedupe(args), stderr };
    } finally {
      process.stderr.write = write;
    }
  };

  it('runs and exits 0', async () => {
    const input = write('cli.csv', toCsv(generatePeople(300, 5)));
    const out = path.join(dir, 'cli-pairs.csv');
    const { code } = await quietly(['--in', input, '--out', out, '--threshold', '0.9']);
    assert.equal(code, 0);
    assert.ok(readFileSync(out, 'utf8').startsWith(OUTPUT_HEADER));
  });

  it('exits 1 with the line on bad input and 2 on bad usage', async () => {
    const bad = write('cli-bad.csv', `${HEADER}\n1,Amy,Lee,2010-13-01,F,,,\n`);
    const r1 = await quietly(['--in', bad, '--out', path.join(dir, 'x.csv')]);
    assert.equal(r1.code, 1);
    assert.match(r1.stderr, /line 2/);
    assert.equal((await quietly(['--in', bad])).code, 2);
    assert.equal((await quietly(['--in', bad, '--out', 'y.csv', '--threshold', '1.5'])).code, 2);
    assert.equal((await quietly(['--bogus'])).code, 2);
  });
});
