// Reading a completions spreadsheet (CSV or XLSX) as rows of cells keyed by header, streamed so a file of 100,000
// rows is never held as objects all at once; progress is by bytes read, known before the rows are counted.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export type Format = 'csv' | 'xlsx';

/** CSV or XLSX, by the file's first bytes (an XLSX file is a zip: "PK"), else by its name. */
export function formatOf(filename: string, bytes: Uint8Array): Format | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (/\.xlsx$/i.test(filename)) return null; // says XLSX but is not a zip
  if (/\.(csv|txt)$/i.test(filename) || bytes.length > 0) return 'csv';
  return null;
}

/** The bytes as a stream of 64 KB pieces, counting how many have been read. */
function counted(bytes: Uint8Array, onRead: (n: number) => void): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset >= bytes.length) return void this.push(null);
      const end = Math.min(offset + 65_536, bytes.length);
      this.push(Buffer.from(bytes.buffer, bytes.byteOffset + offset, end - offset));
      offset = end;
      onRead(offset);
    },
  });
}

/** A cell as text or a Date (rich text, formulas' results and hyperlinks' text flattened). */
function cellValue(v: unknown): unknown {
  if (v === null || v === undefined || v instanceof Date || typeof v !== 'object') return v;
  const o = v as { result?: unknown; text?: unknown; richText?: { text: string }[] };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if ('result' in o) return cellValue(o.result);
  if ('text' in o) return cellValue(o.text);
  return String(v);
}

export interface SheetRow {
  /** The row's number in the spreadsheet (the header is row 1). */
  line: number;
  cells: Record<string, unknown>;
}

/** The header row's names (blank headers named by their column: "Column 3"). */
const names = (header: unknown[]) => header.map((h, i) => (String(cellValue(h) ?? '').trim() === '' ? `Column ${i + 1}` : String(cellValue(h)).trim()));

/** Every row after the header, and the fraction of the file read so far. Blank rows are skipped (but counted). */
export async function* readRows(
  bytes: Uint8Array,
  format: Format,
  progress: (fraction: number) => void = () => {},
): AsyncGenerator<SheetRow | { headers: string[] }> {
  const input = counted(bytes, (n) => progress(n / Math.max(1, bytes.length)));
  let headers: string[] | null = null;
  const isBlank = (values: unknown[]) => values.every((v) => v === null || v === undefined || String(cellValue(v)).trim() === '');
  if (format === 'csv') {
    let line = 0;
    const parser = input.pipe(parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }));
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      if (!headers) {
        headers = names(record);
        yield { headers };
        continue;
      }
      if (isBlank(record)) continue;
      const cells: Record<string, unknown> = {};
      for (let i = 0; i < headers.length; i++) cells[headers[i]] = record[i];
      yield { line, cells };
    }
    return;
  }
  const { default: ExcelJS } = await import('exceljs'); // loaded on the first upload, not at start
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of workbook) {
    for await (const row of sheet) {
      const values = (row.values as unknown[]).slice(1); // exceljs counts columns from 1
      if (!headers) {
        headers = names(values);
        yield { headers };
        continue;
      }
      if (isBlank(values)) continue;
      const cells: Record<string, unknown> = {};
      for (let i = 0; i < headers.length; i++) cells[headers[i]] = cellValue(values[i]);
      yield { line: row.number, cells };
    }
    break; // the first sheet only
  }
}

/** The header row alone (for the column mapping page); null when the file has none. */
export async function readHeaders(bytes: Uint8Array, format: Format): Promise<string[] | null> {
  for await (const item of readRows(bytes, format)) if ('headers' in item) return item.headers;
  return null;
}
