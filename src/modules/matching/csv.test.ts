import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { CsvSyntaxError, readCsvRows } from './csv.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'csv-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function rows(text: string): Promise<[string[], number][]> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  const out: [string[], number][] = [];
  await readCsvRows(file, (row, line) => out.push([row, line]));
  return out;
}

describe('readCsvRows', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, CRLF, a BOM, and skips empty lines', async () => {
    const got = await rows('\ufeffid,address\r\n1,"12 Acacia Road, Northmoor"\r\n\r\n2,"say ""hi"""\n3,"two\nlines"\n4, padded \n');
    assert.deepEqual(got, [
      [['id', 'address'], 1],
      [['1', '12 Acacia Road, Northmoor'], 2],
      [['2', 'say "hi"'], 4],
      [['3', 'two\nlines'], 5],
      [['4', 'padded'], 7],
    ]);
  });

  it('reads rows split across chunks exactly as whole', async () => {
    const line = (k: number) => `${k},"name, ${k}",${'x'.repeat(k % 300)}\n`;
    const text = Array.from({ length: 20_000 }, (_, k) => line(k)).join('');
    const got = await rows(text);
    assert.equal(got.length, 20_000);
    assert.deepEqual(got[12_345], [['12345', 'name, 12345', 'x'.repeat(12_345 % 300)], 12_346]);
  });

  it('rejects an unclosed quote and text after a closing quote, naming the line', async () => {
    await assert.rejects(rows('a,b\n1,"open\n'), (e: unknown) => e instanceof CsvSyntaxError && e.line === 2);
    await assert.rejects(rows('a,b\n1,"x"y\n'), (e: unknown) => e instanceof CsvSyntaxError && /after a closing quote/.test(e.message));
    await assert.rejects(rows('a,b\n1,x"y\n'), CsvSyntaxError);
  });
});
