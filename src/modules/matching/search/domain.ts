// People search as matching finds people: the parts of what was typed (names, a date of birth in any common form,
// a postcode with or without its space, an NHS number), the index keys they look up, and why each person found
// matched, in words. Names key on the transliteration key matching blocks on (phonetic.ts), so "Zarah" finds
// "Zara", and a nickname looks up the names it stands for (the matching lexicons). Pure.
import { parseDate } from '../dates.ts';
import { defaultLexicons, sharesGroup } from '../nicknames.ts';
import { translitKey } from '../phonetic.ts';
import { parsePostcode } from '../postcodes.ts';
import { jaroWinkler, normaliseName } from '../strings.ts';

export type SearchKind = 'name' | 'pair' | 'dob' | 'postcode' | 'nhs';
export interface SearchKey {
  kind: SearchKind;
  key: string;
}

/** A key to look up, and at most how many people to read under it (a common name's block is cut short). */
export interface LookupKey extends SearchKey {
  cap: number;
}

/**
 * One thing the searcher typed (a name word, two name words together, a date of birth, a postcode, an NHS number);
 * a person matches a part when they share any of its keys. `weight` ranks candidates by how much of the search
 * they match: two name words together count for both.
 */
export interface SearchPart {
  /** The word or value as understood: a normalised name word, YYYY-MM-DD, "NM1 4AB", 10 digits. */
  value: string;
  weight: number;
  keys: LookupKey[];
}

export interface SearchQuery {
  names: string[];
  dateOfBirth: string | null;
  postcode: string | null;
  nhsNumber: string | null;
}

export interface SearchablePerson {
  givenName: string;
  familyName: string;
  aliases: readonly { givenName: string | null; familyName: string | null }[];
  dateOfBirth: string | null;
  postcode: string | null;
  nhsNumber: string | null;
}

export type ReasonKind = 'same_name' | 'nickname' | 'sounds_like' | 'similar_spelling' | 'names_swapped' | 'dob' | 'postcode' | 'nhs';
export interface MatchReason {
  kind: ReasonKind;
  text: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NHS = /\b(\d{3}) ?(\d{3}) ?(\d{4})\b/;
const ISO = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/;
// Day first, as written in the UK: 12/3/2010, 12.03.10, 12-03-2010.
const NUMERIC = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b/;
const IN_WORDS = /\b(\d{1,2})(?:st|nd|rd|th)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(\d{4}|\d{2})\b/i;
const POSTCODE = /\b([a-z]{1,2}\d[a-z\d]?) ?(\d[a-z]{2})\b/i;
/** A nickname stands for many names at most ("al": alan, albert, alfred ...); more would flood the lookup. */
const MAX_VARIANTS = 25;
/** Variants of each word tried in pairs (their product is looked up). */
const MAX_PAIR_VARIANTS = 6;
/**
 * Rows read per key: a typed word's own sound is read further than its variants'; a pair of names, a date of birth
 * or a postcode are small blocks even at a million people (read whole in practice).
 */
const CAP = { own: 300, variant: 50, pair: 200, exact: 500 };
const MAX_NAME_WORDS = 6;

/** A two-digit year of birth is this century unless that would be in the future. */
function fullYear(y: string, today: string): number {
  if (y.length === 4) return Number(y);
  const yy = Number(y);
  const century = Math.floor(Number(today.slice(0, 4)) / 100) * 100;
  return century + yy > Number(today.slice(0, 4)) ? century - 100 + yy : century + yy;
}

function isoDate(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const parsed = parseDate(text);
  return parsed.ok && parsed.value ? text : null;
}

/** Splits a search into a date of birth, a postcode, an NHS number and name words; `today` is YYYY-MM-DD. */
export function parseSearch(raw: string, today: string): SearchQuery {
  let rest = ` ${raw.normalize('NFKC')} `;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  const nhs = take(NHS);
  let dateOfBirth: string | null = null;
  const iso = take(ISO);
  if (iso) dateOfBirth = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = iso ? null : take(NUMERIC);
  if (numeric) dateOfBirth = isoDate(fullYear(numeric[3], today), Number(numeric[2]), Number(numeric[1]));
  const words = iso || numeric ? null : take(IN_WORDS);
  if (words) dateOfBirth = isoDate(fullYear(words[3], today), MONTHS.indexOf(words[2].toLowerCase()) + 1, Number(words[1]));
  const postcodeMatch = take(POSTCODE);
  const postcode = postcodeMatch ? (parsePostcode(postcodeMatch[1] + postcodeMatch[2])?.full ?? null) : null;
  const names = [...new Set(normaliseName(rest).split(' '))].filter((w) => w.length >= 2).slice(0, MAX_NAME_WORDS);
  return { names, dateOfBirth, postcode, nhsNumber: nhs ? nhs[1] + nhs[2] + nhs[3] : null };
}

/** The names a word may stand for: itself, and the other names of its nickname and spelling-variant groups. */
function variantsOf(word: string): string[] {
  const { given, family } = defaultLexicons();
  const out = new Set([word]);
  for (const lexicon of [given, family])
    for (const g of lexicon.groupsOf(word)) for (const name of lexicon.membersOf(g)) if (out.size < MAX_VARIANTS) out.add(name);
  return [...out];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The parts to look up, each with its index keys. Empty when nothing searchable was typed. */
export function searchParts(q: SearchQuery): SearchPart[] {
  const sounds = q.names.map((w) => [...new Set(variantsOf(w).map(translitKey))]);
  const parts: SearchPart[] = q.names.map((w, i) => ({
    value: w,
    weight: 1,
    keys: sounds[i].map((key, j) => ({ kind: 'name' as const, key, cap: j === 0 ? CAP.own : CAP.variant })),
  }));
  // Two words together, in either order ("Zara Khan", "Khan Zara"): found whole however common each word is.
  const words = Math.min(q.names.length, 4);
  for (let i = 0; i < words; i++)
    for (let j = i + 1; j < words; j++) {
      const keys = new Set<string>();
      for (const a of sounds[i].slice(0, MAX_PAIR_VARIANTS)) for (const b of sounds[j].slice(0, MAX_PAIR_VARIANTS)) keys.add(pairKey(a, b));
      parts.push({ value: `${q.names[i]} ${q.names[j]}`, weight: 2, keys: [...keys].map((key) => ({ kind: 'pair' as const, key, cap: CAP.pair })) });
    }
  const exact = (kind: SearchKind, value: string | null) => {
    if (value) parts.push({ value, weight: 1, keys: [{ kind, key: value, cap: CAP.exact }] });
  };
  exact('dob', q.dateOfBirth);
  exact('postcode', q.postcode);
  exact('nhs', q.nhsNumber);
  return parts;
}

/** Every word of a name, and a name of several words run together ("mary jane" is also "maryjane"). */
function nameWords(raw: string | null): string[] {
  const norm = normaliseName(raw);
  if (!norm) return [];
  const words = norm.split(' ');
  return words.length > 1 ? [...words, words.join('')] : words;
}

/** The keys a person is found by: stored for every person, rewritten when they are recorded. */
export function personSearchKeys(p: SearchablePerson): SearchKey[] {
  const keys = new Map<string, SearchKey>();
  const add = (kind: SearchKind, key: string | null) => {
    if (key) keys.set(`${kind}|${key}`, { kind, key });
  };
  const names = [p.givenName, p.familyName, ...p.aliases.flatMap((a) => [a.givenName, a.familyName])];
  for (const w of names.flatMap(nameWords)) add('name', translitKey(w));
  // Given with family words (aliases' too), for searches of both names together.
  const givens = [p.givenName, ...p.aliases.map((a) => a.givenName)].flatMap(nameWords).map(translitKey);
  const families = [p.familyName, ...p.aliases.map((a) => a.familyName)].flatMap(nameWords).map(translitKey);
  for (const g of givens) for (const f of families) add('pair', pairKey(g, f));
  add('dob', p.dateOfBirth);
  add('postcode', parsePostcode(p.postcode)?.full ?? null);
  add('nhs', p.nhsNumber?.replace(/\s+/g, '') ?? null);
  return [...keys.values()];
}

interface NameField {
  source: 'given' | 'family' | 'alias';
  shown: string;
  words: string[];
}

type Level = { score: number; kind: ReasonKind; field: NameField };

// Names repeat across the candidates of a search: their keys are remembered (a bounded cache).
const sounds = new Map<string, string>();
function sound(word: string): string {
  let key = sounds.get(word);
  if (key === undefined) {
    key = translitKey(word);
    if (sounds.size > 20_000) sounds.clear();
    sounds.set(word, key);
  }
  return key;
}

/** How well one typed word matches one recorded name, in matching's terms (exact, nickname, sounds, spelling). */
function wordLevel(word: string, field: NameField): Omit<Level, 'field'> | null {
  const { given, family } = defaultLexicons();
  let best: Omit<Level, 'field'> | null = null;
  const better = (l: Omit<Level, 'field'>) => {
    if (!best || l.score > best.score) best = l;
  };
  for (const w of field.words) {
    if (w === word) return { score: 3, kind: 'same_name' };
    const grouped = sharesGroup(given.groupsOf(word), given.groupsOf(w)) || sharesGroup(family.groupsOf(word), family.groupsOf(w));
    // A spelling variant that sounds the same ("Zarah", "Zara") is told as sounding alike, and weighs as a variant.
    if (sound(w) === sound(word)) better({ score: grouped ? 2.5 : 2, kind: 'sounds_like' });
    else if (grouped) better({ score: 2.5, kind: 'nickname' });
    else if (w.length >= 4 && jaroWinkler(w, word) >= 0.92) better({ score: 1.5, kind: 'similar_spelling' });
  }
  return best;
}

const REASON_TEXT: Record<'same_name' | 'nickname' | 'sounds_like' | 'similar_spelling', string> = {
  same_name: 'Same name',
  nickname: 'Nickname of',
  sounds_like: 'Name sounds like',
  similar_spelling: 'Name spelt like',
};

/**
 * Why a person matched what was typed, strongest first, and a score to rank by: each typed name word counts
 * its best match among the person's names and aliases; a date of birth, postcode or NHS number counts when equal.
 */
export function explainMatch(q: SearchQuery, p: SearchablePerson): { score: number; reasons: MatchReason[] } {
  const fields: NameField[] = [
    { source: 'given', shown: p.givenName, words: nameWords(p.givenName) },
    { source: 'family', shown: p.familyName, words: nameWords(p.familyName) },
    ...p.aliases.map((a) => ({
      source: 'alias' as const,
      shown: [a.givenName, a.familyName].filter(Boolean).join(' '),
      words: [a.givenName, a.familyName].flatMap(nameWords),
    })),
  ];
  let score = 0;
  const reasons: MatchReason[] = [];
  const matchedSources: ('given' | 'family' | 'alias')[] = [];
  for (const word of q.names) {
    let best: Level | null = null;
    for (const field of fields) {
      const l = wordLevel(word, field);
      // An alias counts a little less than the person's own name, so the person of that name ranks first.
      const s = l ? l.score - (field.source === 'alias' ? 0.25 : 0) : 0;
      if (l && (!best || s > best.score)) best = { ...l, score: s, field };
    }
    if (!best) continue;
    score += best.score;
    matchedSources.push(best.field.source);
    const aka = best.field.source === 'alias' ? ' (also known as)' : '';
    reasons.push({ kind: best.kind, text: `${REASON_TEXT[best.kind as keyof typeof REASON_TEXT]} ${best.field.shown}${aka}` });
  }
  const given = matchedSources.indexOf('given');
  const familyAt = matchedSources.indexOf('family');
  if (given >= 0 && familyAt >= 0 && familyAt < given) reasons.push({ kind: 'names_swapped', text: 'Given and family names the other way round' });
  if (q.dateOfBirth && q.dateOfBirth === p.dateOfBirth) {
    score += 4;
    reasons.push({ kind: 'dob', text: 'Same date of birth' });
  }
  if (q.postcode && q.postcode === parsePostcode(p.postcode)?.full) {
    score += 2;
    reasons.push({ kind: 'postcode', text: 'Same postcode' });
  }
  if (q.nhsNumber && q.nhsNumber === p.nhsNumber?.replace(/\s+/g, '')) {
    score += 10;
    reasons.push({ kind: 'nhs', text: 'Same NHS number' });
  }
  return { score, reasons };
}
