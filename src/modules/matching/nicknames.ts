// Name-equivalence lexicons: nickname ("william" ~ "bill") and spelling-variant ("mohammed" ~ "muhammad") groups.
import { readFileSync } from 'node:fs';
import { normaliseName } from './strings.ts';

const NONE: readonly number[] = Object.freeze([]);
const NONE_NAMES: readonly string[] = Object.freeze([]);

/**
 * Names map to group ids; two names are equivalent when they share a group.
 * Groups rather than a closure of pairs so that "charlie" can belong to both "charles" and
 * "charlotte" without making "charles" ~ "charlotte".
 */
export class NameLexicon {
  private readonly groups = new Map<string, number[]>();
  private readonly members = new Map<number, string[]>();
  private nextGroup = 0;

  addGroup(names: Iterable<string>): void {
    const id = this.nextGroup++;
    for (const raw of names) {
      const name = normaliseName(raw).replace(/ /g, '');
      if (!name) continue;
      const names = this.members.get(id);
      if (!names) this.members.set(id, [name]);
      else if (!names.includes(name)) names.push(name);
      const list = this.groups.get(name);
      if (!list) this.groups.set(name, [id]);
      else if (!list.includes(id)) list.push(id);
    }
  }

  groupsOf(name: string): readonly number[] {
    return this.groups.get(name) ?? NONE;
  }

  /** The names of one group (people search looks a nickname up by the names it stands for). */
  membersOf(group: number): readonly string[] {
    return this.members.get(group) ?? NONE_NAMES;
  }

  get size(): number {
    return this.groups.size;
  }
}

/** True when two sorted-or-not small group lists intersect. */
export function sharesGroup(a: readonly number[], b: readonly number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  for (const g of a) if (b.includes(g)) return true;
  return false;
}

/**
 * Adds carltonnorthern/nicknames rows (`name1,has_nickname,name2`, one-directional):
 * each formal name1 becomes a group holding itself and its nicknames.
 */
export function addNicknameCsv(lexicon: NameLexicon, csv: string): void {
  const byFormal = new Map<string, string[]>();
  for (const line of csv.split(/\r?\n/)) {
    const [formal, relation, nick] = line.split(',');
    if (!formal || !nick || relation !== 'has_nickname') continue;
    const list = byFormal.get(formal);
    if (list) list.push(nick);
    else byFormal.set(formal, [nick]);
  }
  for (const [formal, nicks] of byFormal) lexicon.addGroup([formal, ...nicks]);
}

/** Adds our own variant file: one comma-separated group per line, `#` starts a comment. */
export function addVariantGroups(lexicon: NameLexicon, text: string): void {
  for (const line of text.split(/\r?\n/)) {
    const body = line.replace(/#.*/, '').trim();
    if (body) lexicon.addGroup(body.split(','));
  }
}

export interface Lexicons {
  given: NameLexicon;
  family: NameLexicon;
}

let cached: Lexicons | undefined;

/** The shipped lexicons (static reference data, read once on first use). */
export function defaultLexicons(): Lexicons {
  if (cached) return cached;
  const read = (rel: string) => readFileSync(new URL(`./lexicon/${rel}`, import.meta.url), 'utf8');
  const given = new NameLexicon();
  addNicknameCsv(given, read('nicknames/names.csv'));
  addVariantGroups(given, read('given-name-variants.csv'));
  const family = new NameLexicon();
  addVariantGroups(family, read('family-name-variants.csv'));
  cached = { given, family };
  return cached;
}
