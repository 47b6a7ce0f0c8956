// Deterministic generator of fictional UK-style referral records with ground truth: names of British,
// Irish, South Asian, Arabic-origin, West African and Eastern European origin (uk-names.ts), households
// of siblings and twins (the hard negatives), and duplicates carrying one to three of the errors seen
// in referrals: nicknames, spelling variants, typos, day/month swaps, near dates, a move within the
// postcode sector or district, swapped names, double-barrelled family names, aliases, missing fields.
// Every person is invented; identifiers are in the NHS's reserved test range (999 xxx xxxx).
import { seededRandom } from '../../src/modules/matching/random.ts';
import type { Person } from './synthetic.ts';
import { ALIASES, FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, type NameEntry } from './uk-names.ts';

export interface UkPerson extends Person {
  /** Errors applied to this record (empty for originals). */
  errors: string[];
}

export const ERROR_KINDS = [
  'given_variant',
  'given_typo',
  'family_variant',
  'family_typo',
  'dob_swap',
  'dob_near',
  'dob_missing',
  'moved_sector',
  'moved_district',
  'moved_away',
  'postcode_format',
  'names_swapped',
  'double_barrelled',
  'alias',
  'identifier_missing',
  'sex_missing',
  'address_abbreviated',
] as const;

const STREETS = `acacia albert alexandra beech birch cedar chapel church clarence elm field garden grange green grove
hawthorn highfield hill holly lime manor maple meadow mill oak orchard park queens regent rose school spring
station stanley victoria willow windsor york`.split(/\s+/);
const STREET_TYPES = ['road', 'street', 'avenue', 'close', 'lane', 'drive', 'way', 'crescent', 'grove', 'gardens'];
const TOWNS = 'northmoor eastwick fernley ashbridge millbrook oakhurst westholme brackenfield stonebridge kingsmead'.split(' ');
const AREAS = ['B', 'M', 'LS', 'L', 'S', 'BD', 'NE', 'CV', 'LE', 'NG', 'SK', 'OL', 'BL', 'WV', 'DY', 'WS', 'HD', 'HX', 'WF', 'DN'];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';
// A long tail of English place-like surnames (Ashworth, Bradley, Whitfield ...), 1,600 combinations.
const TAIL_HEADS = `ash brad whit hal brom cald thorn wain hart lang kirk roth stan wood black green
  west north mor pen alder bar brook castle dun fair hol mid ox red rush sel shel ten thur wal wen win yar
  hather`.split(/\s+/);
const TAIL_ENDS = `worth ley field ton ham by well wood ford croft bury stone dale hurst wick more cliffe
  thwaite shaw brook holme combe den gate hill land mere over ridge row sall ster ting wright ing lock lam
  ard`.split(/\s+/);
const ABBREVIATIONS: Record<string, string> = { road: 'rd', street: 'st', avenue: 'ave', close: 'cl', lane: 'ln', drive: 'dr', crescent: 'cres' };

/** Zipf-like pick (common names much commoner than rare ones), returning the index. */
function zipfIndex(size: number, random: () => number, s: number): () => number {
  const cumulative: number[] = [];
  let acc = 0;
  let total = 0;
  for (let i = 0; i < size; i++) total += 1 / (i + 1) ** s;
  for (let i = 0; i < size; i++) {
    acc += 1 / (i + 1) ** s / total;
    cumulative.push(acc);
  }
  return () => {
    const r = random();
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] >= r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function nhsTestNumbers(): () => string {
  let k = 0;
  return () => {
    for (;;) {
      const body = String((k++ * 7_919 + 54_321) % 1_000_000).padStart(6, '0');
      const digits = [9, 9, 9, ...Array.from(body, Number)];
      const check = 11 - (digits.reduce((s, d, i) => s + d * (10 - i), 0) % 11);
      if (check === 10) continue;
      return `${digits.join('')}${check === 11 ? 0 : check}`;
    }
  };
}

interface Truth {
  given: NameEntry;
  family: NameEntry;
  second: NameEntry | null;
}

/**
 * `n` records: originals plus duplicates (`duplicateRate` of the originals, some people duplicated more
 * than once), shuffled and numbered U0000001... Same seed, same records.
 */
export function generateUkPeople(n: number, seed = 20261201, duplicateRate = 0.12): UkPerson[] {
  const random = seededRandom(seed);
  const int = (k: number) => Math.floor(random() * k);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  const girl = zipfIndex(GIVEN_FEMALE.length, random, 0.6);
  const boy = zipfIndex(GIVEN_MALE.length, random, 0.6);
  const surname = zipfIndex(FAMILY_NAMES.length, random, 0.6);
  const nhs = nhsTestNumbers();
  const rareSurname = (): NameEntry => ({ name: `${pick(TAIL_HEADS)}${pick(TAIL_ENDS)}`, variants: [] });
  const unit = () => `${UNIT[int(UNIT.length)]}${UNIT[int(UNIT.length)]}`;
  const street = () => `${pick(STREETS)} ${pick(STREET_TYPES)}, ${pick(TOWNS)}`;
  const home = () => ({ postcode: `${pick(AREAS)}${1 + int(30)} ${int(10)}${unit()}`, address: `${1 + int(180)} ${street()}` });
  const start = Date.UTC(2004, 0, 1);
  const days = 18 * 365;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  const originals = Math.round(n / (1 + duplicateRate));
  const people: UkPerson[] = [];
  const truths: Truth[] = [];
  while (people.length < originals) {
    const at = home();
    // Four families in ten carry a rarer name from a long tail, as in real registers.
    const family = random() < 0.4 ? rareSurname() : FAMILY_NAMES[surname()];
    // Some families carry a double-barrelled name (hyphenated or with a space).
    const second = random() < 0.06 ? FAMILY_NAMES[surname()] : null;
    const familyText = second && second !== family ? `${family.name}${random() < 0.7 ? '-' : ' '}${second.name}` : family.name;
    const size = random() < 0.45 ? 1 : 1 + int(4);
    let twin: number | null = null;
    // Siblings are born eleven months or more apart (twins aside), all within the 18 years.
    let dob = start + int(days - size * 4 * 365) * 86_400_000;
    for (let k = 0; k < size && people.length < originals; k++) {
      const sex = random() < 0.5 ? 'F' : 'M';
      // Siblings (twins included) do not share a given name.
      let given = sex === 'F' ? GIVEN_FEMALE[girl()] : GIVEN_MALE[boy()];
      while (truths.slice(people.length - k).some((t) => t.given === given)) given = sex === 'F' ? GIVEN_FEMALE[girl()] : GIVEN_MALE[boy()];
      const born: number = twin ?? dob;
      twin = random() < 0.03 ? born : null;
      dob = born + (330 + int(3 * 365)) * 86_400_000;
      truths.push({ given, family, second: second && second !== family ? second : null });
      people.push({
        id: '',
        given: given.name,
        family: familyText,
        dob: iso(born),
        sex,
        postcode: at.postcode,
        address: at.address,
        identifier: random() < 0.5 ? nhs() : '',
        person: people.length,
        errors: [],
      });
    }
  }

  const typo = (s: string) => {
    if (s.length < 4) return s;
    const i = 1 + int(s.length - 2);
    const letter = 'abcdefghijklmnopqrstuvwxyz'[int(26)];
    const kind = int(4);
    if (kind === 0) return s.slice(0, i) + s.slice(i + 1);
    if (kind === 1) return s.slice(0, i) + letter + s.slice(i);
    if (kind === 2) return s.slice(0, i) + letter + s.slice(i + 1);
    return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
  };
  const withinSector = (pc: string) => `${pc.slice(0, -2)}${unit()}`;
  const withinDistrict = (pc: string) => `${pc.split(' ')[0]} ${int(10)}${unit()}`;
  const newHouse = (address: string) => address.replace(/^\d+ .*$/, () => `${1 + int(180)} ${street()}`);

  const apply = (dup: UkPerson, truth: Truth, kind: (typeof ERROR_KINDS)[number]) => {
    switch (kind) {
      case 'given_variant':
        if (truth.given.variants.length > 0) dup.given = pick(truth.given.variants);
        else dup.given = typo(dup.given);
        break;
      case 'given_typo':
        dup.given = typo(dup.given);
        break;
      case 'family_variant':
        if (truth.family.variants.length > 0) dup.family = dup.family.replace(truth.family.name, pick(truth.family.variants));
        else dup.family = typo(dup.family);
        break;
      case 'family_typo':
        dup.family = typo(dup.family);
        break;
      case 'dob_swap': {
        const [y, m, d] = dup.dob.split('-');
        if (y && Number(d) <= 12 && d !== m) dup.dob = `${y}-${d}-${m}`;
        else if (y) dup.dob = iso(Date.parse(dup.dob) + (1 + int(5)) * 86_400_000);
        break;
      }
      case 'dob_near':
        // A slip of days, or the year typed one out (a new school year, a miscopied form).
        if (dup.dob)
          dup.dob =
            random() < 0.7
              ? iso(Date.parse(dup.dob) + (int(2) ? 1 : -1) * (1 + int(14)) * 86_400_000)
              : `${Number(dup.dob.slice(0, 4)) + (int(2) ? 1 : -1)}${dup.dob.slice(4).replace('-02-29', '-02-28')}`;
        break;
      case 'dob_missing':
        dup.dob = '';
        break;
      case 'moved_sector':
        if (dup.postcode) dup.postcode = withinSector(dup.postcode);
        dup.address = newHouse(dup.address);
        break;
      case 'moved_district':
        if (dup.postcode) dup.postcode = withinDistrict(dup.postcode);
        dup.address = newHouse(dup.address);
        break;
      case 'moved_away': {
        const at = home();
        dup.postcode = at.postcode;
        dup.address = at.address;
        break;
      }
      case 'postcode_format':
        dup.postcode = random() < 0.6 ? dup.postcode.replace(' ', '').toLowerCase() : '';
        break;
      case 'names_swapped':
        [dup.given, dup.family] = [dup.family, dup.given];
        break;
      case 'double_barrelled':
        // Drop one part of a double-barrelled name, or add a parent's name to a single one.
        if (/[- ]/.test(dup.family))
          dup.family = random() < 0.5 ? dup.family.split(/[- ]/)[random() < 0.7 ? 0 : 1] : dup.family.replace(/[- ]/, (c) => (c === '-' ? ' ' : '-'));
        else dup.family = `${dup.family}-${FAMILY_NAMES[surname()].name}`;
        break;
      case 'alias':
        // Known by a street name: recorded beside the given name, or instead of it.
        if (random() < 0.34) dup.given = pick(ALIASES);
        else dup.given = random() < 0.5 ? `${dup.given} aka ${pick(ALIASES)}` : `${dup.given} (${pick(ALIASES)})`;
        break;
      case 'identifier_missing':
        dup.identifier = '';
        break;
      case 'sex_missing':
        dup.sex = '';
        break;
      default:
        dup.address = dup.address.replace(/ (road|street|avenue|close|lane|drive|crescent),/, (_m, w: string) => ` ${ABBREVIATIONS[w]},`).toUpperCase();
    }
  };

  const records: UkPerson[] = [...people];
  for (let d = 0; d < n - originals; d++) {
    const k = int(people.length);
    const dup: UkPerson = { ...people[k], errors: [] };
    const count = 1 + int(3);
    while (dup.errors.length < count) {
      const kind = pick(ERROR_KINDS);
      if (dup.errors.includes(kind)) continue;
      dup.errors.push(kind);
      apply(dup, truths[k], kind);
    }
    records.push(dup);
  }
  for (let i = records.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [records[i], records[j]] = [records[j], records[i]];
  }
  records.forEach((r, i) => {
    r.id = `U${String(i + 1).padStart(7, '0')}`;
  });
  return records;
}
