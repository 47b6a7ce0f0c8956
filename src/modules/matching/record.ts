// Person records and their prepared (normalised once, compared many times) form.
import { doubleMetaphone } from 'double-metaphone';
import { type DateValue, parseDate } from './dates.ts';
import { defaultLexicons, type Lexicons, type NameLexicon } from './nicknames.ts';
import { translitKey } from './phonetic.ts';
import { type PostcodeValue, parsePostcode } from './postcodes.ts';
import { normaliseName, normaliseText } from './strings.ts';

/** A person as recorded by one agency. Every field except id may be missing. */
export interface PersonRecord {
  id: string;
  givenName?: string | null;
  familyName?: string | null;
  /** YYYY-MM-DD or YYYYMMDD. */
  dateOfBirth?: string | null;
  sex?: string | null;
  postcode?: string | null;
  address?: string | null;
  /** NHS number or another agency reference. */
  identifier?: string | null;
}

export interface PreparedName {
  /** Normalised with spaces removed ("mary jane" -> "maryjane"): the form compared and counted. */
  full: string;
  /** Distinct words, for double-barrelled and multiple names, and any alias ("Jordan aka Jay"). */
  tokens: readonly string[];
  /** Transliteration-aware phonetic key of `full` (phonetic.ts). */
  key: string;
  /** Distinct non-empty double metaphone codes of `full`. */
  meta: readonly string[];
  /** Nickname/variant group ids. */
  groups: readonly number[];
  /**
   * Unique number of this name object (-1 for names prepared on their own): one spelling is one shared
   * object within a RecordPreparer, so comparisons of two names can be remembered by these numbers.
   */
  id: number;
}

export interface PreparedRecord {
  id: string;
  given: PreparedName | null;
  family: PreparedName | null;
  dob: DateValue | null;
  sex: string | null;
  postcode: PostcodeValue | null;
  address: { text: string; tokens: readonly string[]; number: string | null } | null;
  identifier: { value: string; kind: 'nhs' | 'other' } | null;
}

export class RecordError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RecordError';
  }
}

export interface PrepareOptions {
  /** Keep well-shaped but impossible dates (e.g. 19560431) instead of rejecting them. */
  lenientDates?: boolean;
}

const STREET_WORDS: Record<string, string> = {
  rd: 'road',
  st: 'street',
  str: 'street',
  ave: 'avenue',
  av: 'avenue',
  ln: 'lane',
  cl: 'close',
  ct: 'court',
  cres: 'crescent',
  cresc: 'crescent',
  dr: 'drive',
  pl: 'place',
  sq: 'square',
  gdns: 'gardens',
  tce: 'terrace',
  ter: 'terrace',
  gr: 'grove',
  pk: 'park',
  hse: 'house',
  flt: 'flat',
  apt: 'flat',
  apartment: 'flat',
};

const SEX: Record<string, string> = { m: 'm', male: 'm', boy: 'm', man: 'm', f: 'f', female: 'f', girl: 'f', woman: 'f' };
const UNKNOWN_SEX = new Set(['u', 'unknown', 'not known', 'not stated', 'notknown', 'ns']);

function unique(list: string[]): string[] {
  return list.length < 2 ? list : [...new Set(list)];
}

/** Process-wide, so that names of two preparers never share a number (comparisons remember pairs by it). */
let nextNameId = 0;

/**
 * Prepares records, caching name forms because names repeat heavily (a million records hold a few
 * thousand distinct given names); cached objects are shared and must not be mutated.
 */
export class RecordPreparer {
  private readonly givenCache = new Map<string, PreparedName | null>();
  private readonly familyCache = new Map<string, PreparedName | null>();
  // Dates, postcodes and addresses repeat too (households, birthdays): sharing them keeps a million
  // prepared records in a few hundred megabytes.
  private readonly dobCache = new Map<string, DateValue | null>();
  private readonly postcodeCache = new Map<string, PostcodeValue | null>();
  private readonly addressCache = new Map<string, PreparedRecord['address']>();
  private readonly lexicons: Lexicons;

  constructor(
    private readonly options: PrepareOptions = {},
    lexicons?: Lexicons,
  ) {
    this.lexicons = lexicons ?? defaultLexicons();
  }

  prepare(record: PersonRecord): PreparedRecord {
    const ident = (record.identifier ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
    const sexRaw = (record.sex ?? '').trim().toLowerCase();
    return {
      id: record.id,
      given: this.name(record.givenName, this.givenCache, this.lexicons.given),
      family: this.name(record.familyName, this.familyCache, this.lexicons.family),
      dob: this.date(record.dateOfBirth ?? ''),
      sex: sexRaw === '' || UNKNOWN_SEX.has(sexRaw) ? null : (SEX[sexRaw] ?? sexRaw),
      postcode: cached(this.postcodeCache, record.postcode ?? '', (raw) => this.postcodeParts(parsePostcode(raw))),
      address: cached(this.addressCache, record.address ?? '', (raw) => this.addressWords(prepareAddress(raw))),
      identifier: ident ? { value: ident, kind: /^\d{10}$/.test(ident) ? 'nhs' : 'other' } : null,
    };
  }

  // Words of addresses and parts of postcodes repeat across households: one string each.
  private readonly words = new Map<string, string>();
  private word(w: string): string {
    const hit = this.words.get(w);
    if (hit !== undefined) return hit;
    if (this.words.size < 200_000) this.words.set(w, w);
    return w;
  }

  private addressWords(a: PreparedRecord['address']): PreparedRecord['address'] {
    if (!a) return a;
    const tokens = a.tokens.map((t) => this.word(t));
    return { text: a.text, tokens, number: a.number === null ? null : this.word(a.number) };
  }

  private postcodeParts(p: PostcodeValue | null): PostcodeValue | null {
    if (!p || p.sector === null) return p;
    const part = (v: string | null) => (v === null ? null : this.word(v));
    return { full: p.full, sector: part(p.sector), district: part(p.district), area: part(p.area) };
  }

  private date(raw: string): DateValue | null {
    const hit = this.dobCache.get(raw);
    if (hit !== undefined) return hit;
    const dob = parseDate(raw, this.options.lenientDates);
    if (!dob.ok) throw new RecordError('date_of_birth', dob.reason);
    if (this.dobCache.size < 500_000) this.dobCache.set(raw, dob.value);
    return dob.value;
  }

  private name(raw: string | null | undefined, cache: Map<string, PreparedName | null>, lexicon: NameLexicon) {
    const key = raw ?? '';
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = prepareName(key, lexicon);
    if (cache.size < 500_000) {
      if (value) value.id = nextNameId++;
      cache.set(key, value);
    }
    return value;
  }
}

/** "Jordan aka Jay", "Jordan (Jay)", "Jordan / Jay", "known as": the name, then its aliases. */
const ALIAS_MARK = /\s+(?:a\.?k\.?a\.?|also known as|known as|k\/a)\s+|[()/[\]]/i;

export function prepareName(raw: string, lexicon: NameLexicon): PreparedName | null {
  const parts = raw
    .split(ALIAS_MARK)
    .map(normaliseName)
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const norm = parts[0];
  const tokens = unique(parts.join(' ').split(' '));
  const own = norm.split(' ');
  const full = own.length === 1 ? own[0] : norm.replace(/ /g, '');
  const [p, s] = doubleMetaphone(full);
  const meta = unique([p, s].filter((c) => c !== ''));
  // Groups of the whole name and of the first word of it and of each alias ("mohammed ali" is still a
  // Mohammed, so is "jay aka mo"); not of later words, or "carter-smith" would be a variant of "smith-jones".
  const firsts = parts.map((part) => part.split(' ')[0]);
  const groups = unique([...lexicon.groupsOf(full), ...firsts.flatMap((t) => lexicon.groupsOf(t))].map(String)).map(Number);
  return { full, tokens, key: translitKey(full), meta, groups, id: -1 };
}

function cached<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = make(key);
  if (cache.size < 500_000) cache.set(key, value);
  return value;
}

function prepareAddress(raw: string): PreparedRecord['address'] {
  const text = normaliseAddress(raw);
  if (!text) return null;
  const tokens = unique(text.split(' '));
  // The house number: the first word holding a digit ("flat 3 12a high street" gives "3").
  return { text, tokens, number: tokens.find((t) => /\d/.test(t)) ?? null };
}

export function normaliseAddress(raw: string | null | undefined): string {
  const text = normaliseText(raw);
  if (!text) return '';
  return text
    .split(' ')
    .map((w) => STREET_WORDS[w] ?? w)
    .join(' ');
}

/** Convenience for one-off use (the online scorer); batches should share one RecordPreparer. */
export function prepareRecord(record: PersonRecord, options: PrepareOptions = {}): PreparedRecord {
  return new RecordPreparer(options).prepare(record);
}
