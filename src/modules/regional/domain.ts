// The regional dataset (issue 15.6): one pseudonymised row per child referred in a period, in a versioned schema
// (docs/regional/schema-v1.json, docs/regional/dictionary.md) that a region pools from several partnerships. Rows carry
// no name, date of birth, postcode or record id: a keyed hash of the person id, bands and groups, counts, and a CLK.
import { createHmac } from 'node:crypto';
import { Problem } from '../../platform/http/problems.ts';
import { AGE_BANDS } from '../cases/domain.ts';
import { ageOn } from '../people/domain.ts';
import { clkFromBase64 } from './clk.ts';

export const SCHEMA_VERSION = '1';

/** The CSV header, in order: docs/regional/dictionary.md describes each column (a test keeps the two the same). */
export const COLUMNS = [
  'schemaVersion',
  'partnership',
  'personKey',
  'ageBand',
  'sex',
  'ethnicityGroup',
  'ward',
  'postcodeDistrict',
  'riskLevel',
  'category',
  'caseStatus',
  'outcome',
  'referrals',
  'exploitationTypes',
  'missingEpisodes',
  'returnInterviewsCompleted',
  'clk',
] as const;
export type Column = (typeof COLUMNS)[number];

export interface RegionalRow {
  schemaVersion: string;
  partnership: string;
  personKey: string;
  ageBand: string;
  sex: string;
  ethnicityGroup: string;
  ward: string | null;
  postcodeDistrict: string | null;
  riskLevel: string | null;
  category: string | null;
  caseStatus: string | null;
  outcome: string | null;
  referrals: number;
  exploitationTypes: string[];
  missingEpisodes: number;
  returnInterviewsCompleted: number;
  clk: string;
}

/** The secrets an export needs, from the environment (never the database, never the repository). */
export interface RegionalKeys {
  /** JIGSAW_REGIONAL_PERSON_KEY: this partnership's own; the region never holds it, so it cannot reverse personKey. */
  personKey: string;
  /** JIGSAW_REGIONAL_LINKAGE_SECRET: shared by the region's partnerships, so their CLKs of one child agree. */
  linkageSecret: string;
}

export const PERSON_KEY_ENV = 'JIGSAW_REGIONAL_PERSON_KEY';
export const LINKAGE_SECRET_ENV = 'JIGSAW_REGIONAL_LINKAGE_SECRET';

/** 409, not 5xx: the request is fine, the partnership has not been set up for regional exports. */
export function regionalKeys(env: NodeJS.ProcessEnv): RegionalKeys {
  const missing = [PERSON_KEY_ENV, LINKAGE_SECRET_ENV].filter((name) => (env[name] ?? '').trim().length < 32);
  if (missing.length)
    throw new Problem(
      409,
      'Regional export not set up',
      `Set ${missing.join(' and ')} (at least 32 characters each, e.g. from \`openssl rand -hex 32\`) before exporting the regional dataset`,
    );
  return { personKey: (env[PERSON_KEY_ENV] as string).trim(), linkageSecret: (env[LINKAGE_SECRET_ENV] as string).trim() };
}

/** HMAC-SHA256 of the person id under the partnership's key: the same child gets the same key in every export. */
export const personKey = (id: string, key: string) => createHmac('sha256', key).update(id).digest('hex');

/** Age on the last day of the period in the hub's bands (0-9, 10-13, 14-15, 16-17, 18-24, 25+), or 'unknown'. */
export function ageBandOn(dateOfBirth: string | null, day: string): string {
  if (!dateOfBirth) return 'unknown';
  const age = ageOn(dateOfBirth, day);
  if (age < 0) return 'unknown';
  return AGE_BANDS.find((b) => (b === '25+' ? age >= 25 : age <= Number(b.split('-')[1]))) ?? 'unknown';
}

/** The ONS 2021 high-level groups (the 19 categories would single children out in a small area). */
export function ethnicityGroup(ethnicity: string | null): string {
  if (!ethnicity) return 'unknown';
  if (ethnicity === 'not_stated') return 'not_stated';
  const head = ethnicity.split('_')[0];
  return ['asian', 'black', 'mixed', 'white', 'other'].includes(head) ? head : 'unknown';
}

/** A spreadsheet must not run a cell as a formula (the first character decides); our values never start so. */
const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@\t]/.test(v) ? `"${(/^[=+\-@\t]/.test(v) ? `'${v}` : v).replaceAll('"', '""')}"` : v);

export function toCsvLine(row: RegionalRow): string {
  return COLUMNS.map((c) => {
    const v = row[c];
    if (v === null) return '';
    if (Array.isArray(v)) return cell(v.join(';'));
    return cell(String(v));
  }).join(',');
}

export const csvHeader = () => COLUMNS.join(',');

/** Splits one CSV line (quotes doubled inside quoted cells, as toCsvLine writes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      out.push(v);
      i++; // the comma
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

const INTEGER_COLUMNS: readonly Column[] = ['referrals', 'missingEpisodes', 'returnInterviewsCompleted'];

/** A row from a CSV line, or the problems with it (the pool refuses a file rather than guess). */
export function rowFromCsv(header: string[], line: string): RegionalRow | string {
  // A cell written with the spreadsheet guard (a CLK may start with '+') reads back as it was.
  const cells = splitCsvLine(line).map((c) => (/^'[=+\-@\t]/.test(c) ? c.slice(1) : c));
  if (cells.length !== header.length) return `has ${cells.length} cells, the header has ${header.length}`;
  const raw = Object.fromEntries(header.map((h, i) => [h, cells[i]])) as Record<Column, string>;
  const obj: Record<string, unknown> = {};
  for (const c of COLUMNS) {
    const v = raw[c] ?? '';
    if (INTEGER_COLUMNS.includes(c)) {
      if (!/^\d+$/.test(v)) return `${c} is not a whole number`;
      obj[c] = Number(v);
    } else if (c === 'exploitationTypes') obj[c] = v ? v.split(';') : [];
    else obj[c] = v === '' && ['ward', 'postcodeDistrict', 'riskLevel', 'category', 'caseStatus', 'outcome'].includes(c) ? null : v;
  }
  return checkRow(obj);
}

/** The checks the pool makes on every row, whether it came as CSV or JSON. */
export function checkRow(obj: Record<string, unknown>): RegionalRow | string {
  if (obj.schemaVersion !== SCHEMA_VERSION) return `schemaVersion is ${JSON.stringify(obj.schemaVersion)}, this version reads ${SCHEMA_VERSION}`;
  if (typeof obj.partnership !== 'string' || !obj.partnership) return 'partnership is empty';
  if (typeof obj.personKey !== 'string' || !/^[0-9a-f]{64}$/.test(obj.personKey)) return 'personKey is not a 64-character hash';
  if (typeof obj.clk !== 'string' || !clkFromBase64(obj.clk)) return 'clk is not a 1024-bit CLK in base64';
  for (const c of INTEGER_COLUMNS) if (!Number.isInteger(obj[c])) return `${c} is not a whole number`;
  return obj as unknown as RegionalRow;
}
