// Blocking: only pairs sharing at least one blocking key are scored, so cost grows with block sizes
// rather than n². Several loose rules are OR-ed so that a typo in one field cannot hide a match.

import { type BlockingStats, buildRuleBlocks, DEFAULT_MAX_BLOCK, visitBlocks } from './candidates.ts';
import { translitKey } from './phonetic.ts';
import type { PersonRecord, PreparedRecord } from './record.ts';
import { prepareRecord } from './record.ts';

export interface BlockingRule {
  /** Stable id, also the key namespace for database indexes. */
  id: string;
  description: string;
  /** A tighter cap on block size than the batch-wide one, for keys that common names make huge. */
  maxBlockSize?: number;
  key(r: PreparedRecord): string | null;
}

/** Date of birth with day and month in canonical order, so a dd/mm swap shares the key. */
function dobEitherOrder(r: PreparedRecord): string | null {
  const d = r.dob;
  if (!d) return null;
  const mm = d.text.slice(4, 6);
  const dd = d.text.slice(6, 8);
  return `${d.text.slice(0, 4)}${mm < dd ? mm + dd : dd + mm}`;
}

const initial = (s: string | undefined) => (s ? s[0] : null);

/** First word of the address containing a digit ("12a" in "flat 3 12a high street" is taken as "3"). */
function houseNumber(r: PreparedRecord): string | null {
  return r.address?.number ?? null;
}

/** Transliteration key of the first part of the family name, so "Green-Moran" blocks with "Green". */
function familyKey(r: PreparedRecord): string | null {
  const f = r.family;
  if (!f) return null;
  return f.tokens.length > 1 ? translitKey(f.tokens[0]) : f.key;
}

/** Given and family keys in canonical order, so swapped names share the key. */
function namesKey(r: PreparedRecord): string | null {
  const g = r.given?.key;
  const f = familyKey(r);
  if (!g || !f) return null;
  return g < f ? `${g}|${f}` : `${f}|${g}`;
}

export const BLOCKING_RULES: readonly BlockingRule[] = [
  {
    id: 'identifier',
    description: 'same identifier (NHS number or agency reference)',
    key: (r) => r.identifier?.value ?? null,
  },
  {
    id: 'dob_given_initial',
    description: 'same date of birth (day and month in either order) and given-name initial',
    key: (r) => {
      const d = dobEitherOrder(r);
      const i = initial(r.given?.full);
      return d && i ? `${d}|${i}` : null;
    },
  },
  {
    id: 'dob_family_initial',
    description: 'same date of birth (day and month in either order) and family-name initial',
    key: (r) => {
      const d = dobEitherOrder(r);
      const i = initial(r.family?.full);
      return d && i ? `${d}|${i}` : null;
    },
  },
  {
    // Without a date or place, only uncommon name pairs are worth comparing: two records of a common
    // name with nothing else in common cannot reach a match, and at a million records such blocks cost n².
    id: 'names_phonetic',
    description: 'given and family names sound alike (in either order), uncommon names only',
    maxBlockSize: 50,
    // Double metaphone here (vowel typos keep the key), the transliteration key in the rules below.
    key: (r) => {
      const g = r.given?.meta[0];
      const f = r.family?.meta[0];
      if (!g || !f) return null;
      return g < f ? `${g}|${f}` : `${f}|${g}`;
    },
  },
  {
    id: 'names_birth_year',
    description: 'given and family names sound alike (in either order) and same year of birth',
    key: (r) => {
      const n = namesKey(r);
      return n && r.dob ? `${n}|${r.dob.year}` : null;
    },
  },
  {
    id: 'names_postcode_district',
    description: 'given and family names sound alike (in either order) and same postcode district',
    key: (r) => {
      const n = namesKey(r);
      const p = r.postcode?.district ?? r.postcode?.full;
      return n && p ? `${n}|${p}` : null;
    },
  },
  {
    id: 'family_phonetic_birth_month',
    description: 'family name (first part) sounds alike and same year and month of birth',
    key: (r) => {
      const f = familyKey(r);
      return f && r.dob ? `${f}|${r.dob.text.slice(0, 6)}` : null;
    },
  },
  {
    id: 'given_phonetic_postcode_sector',
    description: 'given name sounds alike and same postcode sector',
    key: (r) => {
      const g = r.given?.key;
      const p = r.postcode?.sector ?? r.postcode?.full;
      return g && p ? `${g}|${p}` : null;
    },
  },
  {
    id: 'family_phonetic_postcode_sector',
    description: 'family name (first part) sounds alike and same postcode sector',
    key: (r) => {
      const f = familyKey(r);
      const p = r.postcode?.sector;
      return f && p ? `${f}|${p}` : null;
    },
  },
  {
    id: 'dob_postcode_district',
    description: 'same date of birth (day and month in either order) and postcode district',
    key: (r) => {
      const d = dobEitherOrder(r);
      const p = r.postcode?.district ?? r.postcode?.full;
      return d && p ? `${d}|${p}` : null;
    },
  },
  {
    id: 'dob_initials',
    description: 'same date of birth (day and month in either order) and initials (in either order)',
    key: (r) => {
      const d = dobEitherOrder(r);
      const g = initial(r.given?.full);
      const f = initial(r.family?.full);
      return d && g && f ? `${d}|${g < f ? g + f : f + g}` : null;
    },
  },
  {
    id: 'dob_house_number',
    description: 'same date of birth (day and month in either order) and house number',
    key: (r) => {
      const d = dobEitherOrder(r);
      const n = houseNumber(r);
      return d && n ? `${d}|${n}` : null;
    },
  },
  {
    id: 'postcode_house_number',
    description: 'same full postcode and house number (a household)',
    key: (r) => {
      const n = houseNumber(r);
      return n && r.postcode ? `${r.postcode.full}|${n}` : null;
    },
  },
];

export interface BlockingKey {
  rule: string;
  key: string;
}

/**
 * SQL-agnostic blocking keys for one record: store them for every person (indexed on (rule, key))
 * and fetch candidates for a query as the people sharing any of the query's keys.
 */
export function blockingKeys(record: PersonRecord): BlockingKey[] {
  return preparedBlockingKeys(prepareRecord(record, { lenientDates: true }));
}

export function preparedBlockingKeys(prepared: PreparedRecord): BlockingKey[] {
  const keys: BlockingKey[] = [];
  for (const rule of BLOCKING_RULES) {
    const key = rule.key(prepared);
    if (key !== null) keys.push({ rule: rule.id, key });
  }
  return keys;
}

export type { BlockingStats } from './candidates.ts';

export interface CandidateOptions {
  rules?: readonly BlockingRule[];
  /** Blocks bigger than this are skipped: a key shared by thousands says little and costs n². */
  maxBlockSize?: number;
  onRule?: (ruleIndex: number, rules: number) => void;
}

/**
 * Calls `visit(i, j)` (i < j, indexes into `records`) once for every candidate pair.
 * Duplicates across rules are dropped by checking whether an earlier rule already grouped the pair,
 * as Splink does, which needs no set of seen pairs and so keeps memory linear in n.
 */
export function forEachCandidatePair(
  records: readonly PreparedRecord[],
  visit: (i: number, j: number) => void,
  options: CandidateOptions = {},
): BlockingStats[] {
  const rules = options.rules ?? BLOCKING_RULES;
  const earlier: Int32Array[] = [];
  const stats: BlockingStats[] = [];
  for (let r = 0; r < rules.length; r++) {
    options.onRule?.(r, rules.length);
    const blocks = buildRuleBlocks(records, rules[r], options.maxBlockSize ?? DEFAULT_MAX_BLOCK);
    blocks.stat.pairs = visitBlocks(blocks, earlier, 0, blocks.blocks, visit);
    earlier.push(blocks.ids);
    stats.push(blocks.stat);
  }
  return stats;
}
