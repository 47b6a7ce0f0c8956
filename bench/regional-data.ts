// A generated UK-style linkage set for bench/regional.ts: two partnerships' records of fictional children, `shared`
// of them in both, with the errors two agencies' records of one child really show: typos, nicknames and spellings,
// hyphenated or changed family names, a move (new postcode), day and month swapped, a missing date of birth or
// postcode. Each also holds siblings (same family name, postcode and often birth year) who must not link.
import type { ClkIdentifiers } from '../src/modules/regional/clk.ts';

const GIVEN = [
  ['Olivia', 'Liv'],
  ['Amelia', 'Millie'],
  ['Isla'],
  ['Ava'],
  ['Mia'],
  ['Ivy'],
  ['Lily'],
  ['Isabella', 'Bella'],
  ['Sophia', 'Sophie'],
  ['Grace', 'Gracie'],
  ['Freya'],
  ['Ella'],
  ['Evie'],
  ['Poppy'],
  ['Charlotte', 'Charlie'],
  ['Jessica', 'Jess'],
  ['Chloe'],
  ['Aaliyah', 'Aliyah'],
  ['Zainab'],
  ['Maryam', 'Mariam'],
  ['Nevaeh'],
  ['Kayleigh', 'Kayley'],
  ['Shannon'],
  ['Leah'],
  ['Courtney'],
  ['Jade'],
  ['Demi'],
  ['Tia'],
  ['Oliver', 'Ollie'],
  ['George'],
  ['Noah'],
  ['Muhammad', 'Mohammed'],
  ['Leo'],
  ['Harry'],
  ['Oscar'],
  ['Archie'],
  ['Jack'],
  ['Charlie'],
  ['Thomas', 'Tom'],
  ['Joshua', 'Josh'],
  ['Daniel', 'Danny'],
  ['Kieran', 'Kieron'],
  ['Tyler'],
  ['Jayden', 'Jaden'],
  ['Reece', 'Rhys'],
  ['Callum', 'Calum'],
  ['Liam'],
  ['Connor', 'Conor'],
  ['Bradley', 'Brad'],
  ['Kyle'],
  ['Ibrahim'],
  ['Yusuf', 'Yousef'],
  ['Tyrese'],
  ['Kai'],
  ['Alfie'],
  ['Riley'],
  ['Jamal'],
  ['Dylan'],
  ['Ethan'],
  ['Mason'],
];
const FAMILY = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Ahmed',
  'Hussain',
  'Ali',
  'Begum',
  'Shah',
  'Murphy',
  "O'Brien",
  'McDonald',
  'Campbell',
  'Kelly',
  'Hughes',
  'Edwards',
  'Lewis',
  'Harris',
  'Martin',
  'Cooper',
  'King',
  'Baker',
  'Okafor',
  'Mensah',
  'Nowak',
  'Kowalski',
  'Mohamed',
  'Osei',
  'Ward',
  'Turner',
  'Hill',
  'Moore',
  'Parker',
  'Cook',
  'Bailey',
  'Bell',
];
const AREAS = ['NM', 'SM', 'LS', 'BD', 'M', 'B', 'NE', 'S', 'L', 'HD'];

/** A small repeatable generator (mulberry32), so every run measures the same set. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Rec {
  id: string;
  entity: string;
  ids: ClkIdentifiers;
}

export function ukGenerated(size: number, shared: number, seed: number): { a: Rec[]; b: Rec[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const postcode = () =>
    `${pick(AREAS)}${1 + Math.floor(r() * 30)} ${Math.floor(r() * 10)}${letters[Math.floor(r() * 26)].toUpperCase()}${letters[Math.floor(r() * 26)].toUpperCase()}`;
  const dob = (year?: number) => {
    const y = year ?? 2006 + Math.floor(r() * 12);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  // People: each family of 1 to 3 children shares a family name and postcode; siblings are often close in age.
  const people: { entity: string; given: string[]; family: string; dob: string; postcode: string }[] = [];
  while (people.length < 2 * size - shared) {
    const family = pick(FAMILY);
    const pc = postcode();
    const year = 2006 + Math.floor(r() * 12);
    const n = r() < 0.7 ? 1 : r() < 0.7 ? 2 : 3;
    for (let k = 0; k < n; k++) people.push({ entity: `uk-${people.length}`, given: pick(GIVEN), family, dob: dob(year + (r() < 0.5 ? 0 : k)), postcode: pc });
  }
  // Shuffle so siblings spread across "in both", "only in A" and "only in B".
  for (let i = people.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [people[i], people[j]] = [people[j], people[i]];
  }
  const typo = (s: string) => {
    if (s.length < 3) return s;
    const i = 1 + Math.floor(r() * (s.length - 2));
    const kind = r();
    if (kind < 0.33) return s.slice(0, i) + s.slice(i + 1); // dropped letter
    if (kind < 0.66) return s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2); // transposed
    return s.slice(0, i) + letters[Math.floor(r() * 26)] + s.slice(i + 1); // wrong letter
  };
  const clean = (p: (typeof people)[number], tag: string): Rec => ({
    id: `${p.entity}-${tag}`,
    entity: p.entity,
    ids: { givenName: p.given[0], familyName: p.family, dateOfBirth: p.dob, postcode: p.postcode },
  });
  // The second agency's record of the same child: about 60% exact, the rest with one or two errors.
  const noisy = (p: (typeof people)[number]): Rec => {
    const rec = clean(p, 'b');
    const ids = { ...rec.ids };
    const errors = r() < 0.6 ? 0 : r() < 0.75 ? 1 : 2;
    for (let e = 0; e < errors; e++) {
      const kind = r();
      if (kind < 0.2) ids.givenName = p.given.length > 1 ? p.given[1] : typo(ids.givenName ?? '');
      else if (kind < 0.35) ids.givenName = typo(ids.givenName ?? '');
      else if (kind < 0.5) ids.familyName = typo(ids.familyName ?? '');
      else if (kind < 0.58) ids.familyName = `${ids.familyName}-${pick(FAMILY)}`;
      else if (kind < 0.72)
        ids.postcode = postcode(); // moved
      else if (kind < 0.8) ids.postcode = null;
      else if (kind < 0.9 && ids.dateOfBirth && Number(ids.dateOfBirth.slice(8)) <= 12)
        ids.dateOfBirth = `${ids.dateOfBirth.slice(0, 5)}${ids.dateOfBirth.slice(8)}-${ids.dateOfBirth.slice(5, 7)}`; // day and month swapped
      else if (kind < 0.95) ids.dateOfBirth = null;
      else ids.dateOfBirth = dob(Number(ids.dateOfBirth?.slice(0, 4) ?? 2010));
    }
    return { ...rec, ids };
  };
  const both = people.slice(0, shared);
  const onlyA = people.slice(shared, size);
  const onlyB = people.slice(size, 2 * size - shared);
  return { a: [...both, ...onlyA].map((p) => clean(p, 'a')), b: [...both.map(noisy), ...onlyB.map((p) => clean(p, 'b'))] };
}
