// Comparison levels per field. Each comparison maps a pair of prepared records to a level index
// (0 = strongest agreement) or NULL_LEVEL when either value is missing. Pure and symmetric.
import { sharesGroup } from './nicknames.ts';
import type { PreparedName, PreparedRecord } from './record.ts';
import { editDistance, jaroWinkler, positionalDifferences, tokenJaccard, withinOneEdit } from './strings.ts';

export const NULL_LEVEL = -1;

export interface Comparison {
  /** Field name used in explanations. */
  name: string;
  /** Level labels, strongest first; the last level is always plain disagreement. */
  levels: readonly string[];
  /** Label shown when the comparison is null. */
  nullLabel: string;
  /** Exact-match key: counted for term frequencies and for computing the exact level's u directly. */
  exactKey(r: PreparedRecord): string | null;
  /** Whether the exact level's weight is adjusted by how common the value is. */
  termFrequency: boolean;
  /**
   * Level meaning "forename and surname swapped". In the given-name comparison it carries the evidence
   * of the whole swapped name; in the family-name comparison it is neutral (weight 0) so the same
   * agreement is not counted twice. Either way it is left out of the exact >= partial ordering.
   */
  swapLevel?: number;
  /** True when the swap level is neutral (m = u) in this comparison. */
  swapNeutral?: boolean;
  /**
   * Values shared by different people in one household (siblings, twins). EM estimates this
   * comparison's m from the other fields' verdicts but does not let it shape them, or the
   * "match" class would swallow whole households.
   */
  sharedByHousehold?: boolean;
  compare(a: PreparedRecord, b: PreparedRecord): number;
}

/**
 * Remembered name-pair levels (the swap test aside, which needs both fields): a million records hold a few
 * thousand spellings, so most pairs compared in a batch repeat a pair of names already compared.
 * A fixed-size hash table of typed arrays (a Map with 50-bit keys was slower than the comparison), where
 * a new pair may evict an old one: memory stays flat. Names without an id (-1) are never remembered.
 */
class PairMemo {
  private static readonly BITS = 18;
  private readonly a = new Int32Array(1 << PairMemo.BITS).fill(-1);
  private readonly b = new Int32Array(1 << PairMemo.BITS);
  private readonly level = new Int8Array(1 << PairMemo.BITS);
  get(x: PreparedName, y: PreparedName, compute: () => number): number {
    if (x.id < 0 || y.id < 0) return compute();
    const p = x.id < y.id ? x.id : y.id;
    const q = x.id < y.id ? y.id : x.id;
    const mask = (1 << PairMemo.BITS) - 1;
    const home = (Math.imul(p, 0x9e3779b1) ^ Math.imul(q, 0x85ebca77)) >>> (32 - PairMemo.BITS);
    for (let k = 0; k < 4; k++) {
      const slot = (home + k) & mask;
      if (this.a[slot] === p && this.b[slot] === q) return this.level[slot];
      if (this.a[slot] === -1) return this.store(slot, p, q, compute());
    }
    return this.store(home, p, q, compute());
  }
  private store(slot: number, p: number, q: number, level: number): number {
    this.a[slot] = p;
    this.b[slot] = q;
    this.level[slot] = level;
    return level;
  }
}
const givenMemo = new PairMemo();
const familyMemo = new PairMemo();
const swapMemo = new PairMemo();

/** Sounds alike: a shared double metaphone code, or the same transliteration key (Zainab/Zaynab). */
function metaMatch(a: PreparedName, b: PreparedName): boolean {
  if (a.key === b.key && a.key.length >= 3) return true;
  for (const c of a.meta) if (b.meta.includes(c)) return true;
  return false;
}

/**
 * Loose equality for the swap test: a swapped name often carries a slip too, so sounding alike or a very
 * similar spelling is enough. (Not lexicon groups: given and family names come from two lexicons whose
 * group numbers do not compare.) Remembered, because the test runs for almost every pair scored.
 */
function sameish(a: PreparedName, b: PreparedName): boolean {
  if (a.full === b.full) return true;
  return swapMemo.get(a, b, () => (metaMatch(a, b) || jaroWinkler(a.full, b.full) >= 0.9 ? 1 : 0)) === 1;
}

/** Forename and surname entered the other way round (on both sides, allowing a phonetic slip). */
export function namesSwapped(a: PreparedRecord, b: PreparedRecord): boolean {
  const { given: ag, family: af } = a;
  const { given: bg, family: bf } = b;
  if (!ag || !af || !bg || !bf) return false;
  if (ag.full === af.full || bg.full === bf.full) return false; // "Lee Lee" says nothing about order
  return sameish(ag, bf) && sameish(af, bg);
}

/** One word of a multiple, double-barrelled or aliased name matches a word of the other (allowing a typo). */
function sharesToken(a: PreparedName, b: PreparedName): boolean {
  if (a.tokens.length === 1 && b.tokens.length === 1) return false;
  for (const t of a.tokens) {
    if (t.length < 2) continue;
    if (b.tokens.includes(t)) return true;
    if (t.length < 4) continue;
    for (const u of b.tokens) if (u.length >= 4 && jaroWinkler(t, u) >= 0.92) return true;
  }
  return false;
}

function initialOnly(a: PreparedName, b: PreparedName): boolean {
  return (a.full.length === 1 || b.full.length === 1) && a.full[0] === b.full[0];
}

/** The name levels shared by given and family names; only a given name can match on an initial alone. */
function compareNames(a: PreparedRecord, b: PreparedRecord, x: PreparedRecord['given'], y: PreparedRecord['given'], initials: boolean): number {
  if (!x || !y) return NULL_LEVEL;
  if (x.full === y.full) return 0;
  if (namesSwapped(a, b)) return 1;
  return (initials ? givenMemo : familyMemo).get(x, y, () => nameLevel(x, y, initials));
}

function nameLevel(x: PreparedName, y: PreparedName, initials: boolean): number {
  if (sharesGroup(x.groups, y.groups)) return 2;
  const jw = jaroWinkler(x.full, y.full);
  if (jw >= 0.92) return 3;
  if (metaMatch(x, y)) return 4;
  if (sharesToken(x, y)) return 5;
  if (jw >= 0.8) return 6;
  if (initials) return initialOnly(x, y) ? 7 : 8;
  return 7;
}

export const givenName: Comparison = {
  name: 'given name',
  levels: [
    'exact match',
    'forename and surname swapped',
    'nickname or variant',
    'very similar spelling',
    'sounds alike',
    'one of several names matches',
    'similar spelling',
    'initial matches',
    'different',
  ],
  nullLabel: 'missing',
  termFrequency: true,
  swapLevel: 1,
  exactKey: (r) => r.given?.full ?? null,
  compare: (a, b) => compareNames(a, b, a.given, b.given, true),
};

export const familyName: Comparison = {
  name: 'family name',
  levels: [
    'exact match',
    'swapped with given name (weighed there)',
    'known spelling variant',
    'very similar spelling',
    'sounds alike',
    'one part of a double-barrelled name matches',
    'similar spelling',
    'different',
  ],
  nullLabel: 'missing',
  termFrequency: true,
  swapLevel: 1,
  swapNeutral: true,
  exactKey: (r) => r.family?.full ?? null,
  compare: (a, b) => compareNames(a, b, a.family, b.family, false),
};

export const dateOfBirth: Comparison = {
  name: 'date of birth',
  levels: [
    'exact match',
    'day and month swapped',
    'one character different or year one out',
    'within a month',
    'two characters different',
    'same year',
    'different',
  ],
  nullLabel: 'missing',
  termFrequency: false,
  exactKey: (r) => r.dob?.text ?? null,
  compare(a, b) {
    const x = a.dob;
    const y = b.dob;
    if (!x || !y) return NULL_LEVEL;
    if (x.text === y.text) return 0;
    if (x.year === y.year && x.month === y.day && x.day === y.month) return 1;
    const edits = positionalDifferences(x.text, y.text);
    // A year typed one out (2009/2010 differ in two digits) is as much a slip as one wrong digit.
    if (edits <= 1 || (x.month === y.month && x.day === y.day && Math.abs(x.year - y.year) === 1)) return 2;
    if (Math.abs(x.ordinal - y.ordinal) <= 31) return 3; // NaN (impossible dates) compares false
    if (edits <= 2) return 4;
    if (x.year === y.year) return 5;
    return 6;
  },
};

export const sex: Comparison = {
  name: 'sex',
  levels: ['same', 'different'],
  nullLabel: 'missing',
  termFrequency: false,
  exactKey: (r) => r.sex,
  compare(a, b) {
    if (a.sex === null || b.sex === null) return NULL_LEVEL;
    return a.sex === b.sex ? 0 : 1;
  },
};

/** Postcode level: 0 full, 1 one character different, 2 sector, 3 district, 4 area, 5 different. */
export function postcodeLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.postcode;
  const y = b.postcode;
  if (!x || !y) return NULL_LEVEL;
  if (x.full === y.full) return 0;
  if (withinOneEdit(x.full, y.full)) return 1;
  if (x.sector !== null && x.sector === y.sector) return 2;
  if (x.district !== null && x.district === y.district) return 3;
  if (x.area !== null && x.area === y.area) return 4;
  return 5;
}

/** Address-line level: 0 exact, 1 minor differences (up to 2 edits), 2 most words, 3 some words, 4 different. */
export function addressLevel(a: PreparedRecord, b: PreparedRecord): number {
  const x = a.address;
  const y = b.address;
  if (!x || !y) return NULL_LEVEL;
  if (x.text === y.text) return 0;
  const overlap = tokenJaccard(x.tokens, y.tokens);
  // Another house number on the same street is a neighbour, not a typo: at most "some words".
  if (x.number !== y.number && x.number !== null && y.number !== null) return overlap >= 0.3 ? 3 : 4;
  // A bounded edit distance gives up after a few rows on unrelated addresses, so it is cheap.
  if (editDistance(x.text, y.text, 2) <= 2) return 1;
  if (overlap >= 0.6) return 2;
  if (overlap >= 0.3) return 3;
  return 4;
}

/**
 * Postcode and address lines as ONE comparison: they move together (a household shares both), so two
 * comparisons would count the same evidence twice and make siblings look like the same child.
 */
export const location: Comparison = {
  name: 'postcode and address',
  levels: [
    'same postcode and address',
    'same postcode, similar address',
    'same postcode',
    'same address, postcode differs or missing',
    'postcode one character different',
    'most address words match',
    'same postcode sector',
    'same postcode district',
    'some address words match',
    'same postcode area',
    'different',
  ],
  nullLabel: 'missing',
  termFrequency: false,
  sharedByHousehold: true,
  exactKey: (r) => (r.postcode && r.address ? `${r.postcode.full}|${r.address.text}` : null),
  compare(a, b) {
    const pc = postcodeLevel(a, b);
    const ad = addressLevel(a, b);
    if (pc === NULL_LEVEL && ad === NULL_LEVEL) return NULL_LEVEL;
    if (pc === 0) return ad === 0 || ad === 1 ? 0 : ad === 2 || ad === 3 ? 1 : 2;
    if (ad === 0 || ad === 1) return 3;
    if (pc === 1) return 4;
    if (ad === 2) return 5;
    if (pc === 2) return 6;
    if (pc === 3) return 7;
    if (ad === 3) return 8;
    if (pc === 4) return 9;
    return 10;
  },
};

export const identifier: Comparison = {
  name: 'identifier',
  levels: ['exact match', 'one character different', 'different'],
  nullLabel: 'missing or not comparable',
  termFrequency: false,
  exactKey: (r) => (r.identifier ? r.identifier.value : null),
  compare(a, b) {
    const x = a.identifier;
    const y = b.identifier;
    // An NHS number says nothing about a police or school reference, so different kinds are not compared.
    if (!x || !y || x.kind !== y.kind) return NULL_LEVEL;
    if (x.value === y.value) return 0;
    return withinOneEdit(x.value, y.value) ? 1 : 2;
  },
};

/** The comparisons of the person model, in explanation order. */
export const COMPARISONS: readonly Comparison[] = [givenName, familyName, dateOfBirth, sex, location, identifier];

/** Levels of every comparison for a pair, written into `out` (reused to avoid allocation). */
export function compareAll(a: PreparedRecord, b: PreparedRecord, out: Int8Array = new Int8Array(COMPARISONS.length)) {
  for (let c = 0; c < COMPARISONS.length; c++) out[c] = COMPARISONS[c].compare(a, b);
  return out;
}
