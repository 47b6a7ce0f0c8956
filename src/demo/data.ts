// The fictional demo partnership: the borough of Northmoor (no such place), its agencies, staff and people.
// Names are common given names and surnames combined at random; postcodes use "NM", which is not a UK postcode
// area; NHS numbers use the 999 range set aside for testing. No real person is described anywhere.
import type { Sector } from '../modules/admin/domain.ts';
import type { Ethnicity } from '../modules/people/domain.ts';
import { type CONSENT, EXPLOITATION_TYPES, INDICATORS, type Urgency } from '../modules/referrals/domain.ts';
import type { Role } from '../platform/access/policy.ts';
import { seededRandom } from './random.ts';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_EMAIL_DOMAIN = 'demo.jigsaw.example';

export const DEMO_AGENCIES: { key: string; name: string; sector: Sector }[] = [
  { key: 'hub', name: 'Northmoor Exploitation Hub', sector: 'childrens_social_care' },
  { key: 'csc', name: "Northmoor Children's Social Care", sector: 'childrens_social_care' },
  { key: 'police', name: 'Midshire Police (Northmoor district)', sector: 'police' },
  { key: 'school', name: 'Northmoor Moor Lane Academy', sector: 'education' },
  { key: 'college', name: 'Northmoor College', sector: 'education' },
  { key: 'streets', name: 'Safe Streets Northmoor', sector: 'voluntary' },
  { key: 'yjs', name: 'Northmoor Youth Justice Service', sector: 'youth_justice' },
  { key: 'health', name: 'Northmoor Community Health', sector: 'health' },
  { key: 'earlyhelp', name: 'Northmoor Early Help', sector: 'early_help' },
  { key: 'council', name: 'Northmoor Borough Council', sector: 'other' },
];

export const DEMO_USERS: { email: string; name: string; role: Role; agency: string }[] = (
  [
    { email: 'admin', name: 'Alex Demo-Admin', role: 'partnership_admin', agency: 'hub' },
    { email: 'hub.coordinator', name: 'Sam Demo-Coordinator', role: 'hub_coordinator', agency: 'hub' },
    { email: 'hub.member', name: 'Jo Demo-Hubmember', role: 'hub_member', agency: 'police' },
    { email: 'practitioner', name: 'Chris Demo-Teacher', role: 'practitioner', agency: 'school' },
    { email: 'social.worker', name: 'Pat Demo-Socialworker', role: 'practitioner', agency: 'csc' },
    { email: 'police.intelligence', name: 'Robin Demo-Analyst', role: 'police_intelligence', agency: 'police' },
    { email: 'manager', name: 'Morgan Demo-Manager', role: 'manager', agency: 'csc' },
    { email: 'scrutiny', name: 'Councillor Demo-Scrutiny', role: 'scrutiny_member', agency: 'council' },
    { email: 'governance', name: 'Jamie Demo-Governance', role: 'information_governance', agency: 'council' },
    // Added last: a demo user's id is its place in this list.
    { email: 'missing.coordinator', name: 'Taylor Demo-Missing', role: 'missing_coordinator', agency: 'csc' },
    // A partner system's flag look-up account (an emergency department's): API only.
    { email: 'flag.lookup', name: 'Demo Emergency Department system', role: 'flag_lookup', agency: 'health' },
  ] as const
).map((u) => ({ ...u, email: `${u.email}@${DEMO_EMAIL_DOMAIN}` }));

const GIVEN_FEMALE = [
  'Amelia',
  'Olivia',
  'Isla',
  'Ava',
  'Mia',
  'Ivy',
  'Lily',
  'Freya',
  'Grace',
  'Chloe',
  'Kayleigh',
  'Aisha',
  'Zara',
  'Maryam',
  'Hannah',
  'Ellie',
  'Jade',
  'Leah',
  'Courtney',
  'Amira',
  'Precious',
  'Layla',
  'Niamh',
  'Sophie',
  'Demi',
];
const GIVEN_MALE = [
  'Oliver',
  'Harry',
  'Jack',
  'Charlie',
  'Leo',
  'Noah',
  'Mohammed',
  'Tyler',
  'Kyle',
  'Callum',
  'Reece',
  'Jayden',
  'Ibrahim',
  'Kai',
  'Liam',
  'Connor',
  'Ethan',
  'Bilal',
  'Kwame',
  'Dylan',
  'Josh',
  'Aiden',
  'Rhys',
  'Luca',
  'Tomasz',
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
  'Patel',
  'Khan',
  'Hussain',
  'Ahmed',
  'Begum',
  'Walker',
  'Wright',
  'Thompson',
  'Robinson',
  'Clarke',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Mensah',
  'Okafor',
  'Nowak',
  'Kowalski',
  'Murphy',
  'Kelly',
  'Ali',
];
const STREETS = [
  'Moor Lane',
  'Station Road',
  'Canal Street',
  'Heather Close',
  'Mill Road',
  'Church Street',
  'Victoria Terrace',
  'Bracken Way',
  'Quarry Hill',
  'Park View',
];
const LANGUAGES = [
  ['English', 80],
  ['Urdu', 5],
  ['Polish', 4],
  ['Punjabi', 3],
  ['Bengali', 3],
  ['Romanian', 2],
  ['Arabic', 2],
  ['Somali', 1],
] as const;
const ETHNICITY_WEIGHTS: (readonly [Ethnicity, number])[] = [
  ['white_british', 62],
  ['white_other', 6],
  ['asian_pakistani', 8],
  ['asian_indian', 3],
  ['asian_bangladeshi', 3],
  ['black_african', 4],
  ['black_caribbean', 3],
  ['mixed_white_black_caribbean', 4],
  ['mixed_other', 2],
  ['white_roma', 1],
  ['other_arab', 1],
  ['not_stated', 3],
];
// Referrers weighted like the seed's published table: social care most, then education, voluntary sector, police ...
const REFERRERS: (readonly [string, number])[] = [
  ['csc', 80],
  ['school', 25],
  ['college', 9],
  ['streets', 29],
  ['police', 18],
  ['yjs', 10],
  ['health', 9],
  ['earlyhelp', 7],
  ['council', 3],
];

function nhsNumber(rand: ReturnType<typeof seededRandom>): string {
  for (;;) {
    const digits = [9, 9, 9, ...Array.from({ length: 6 }, () => rand.int(0, 9))];
    const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return [...digits, check === 11 ? 0 : check].join('');
  }
}

export interface DemoPerson {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  dobPrecision: 'exact' | 'approximate' | 'unknown';
  sex: 'female' | 'male';
  ethnicity: Ethnicity;
  firstLanguage: string;
  address: string | null;
  postcode: string | null;
  nhsNumber: string | null;
  placingAuthority: string | null;
}

export interface DemoReferral {
  id: string;
  personIndex: number;
  agency: string;
  receivedAt: Date;
  referrerName: string;
  referrerContact: string | null;
  concerns: string;
  exploitationTypes: string[];
  indicators: string[];
  consent: keyof typeof CONSENT;
  lawfulBasisReason: string | null;
  urgency: Urgency;
  status: 'new' | 'triaged' | 'closed';
}

const day = 86_400_000;

/** The same people and referrals for the same seed and anchor date. */
export function generateDemo(anchor: Date, seed = 20_260_401, people = 200) {
  const rand = seededRandom(seed);
  const ids = seededRandom(seed + 1);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => ids.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const persons: DemoPerson[] = [];
  const adults = new Set<number>();
  for (let i = 0; i < people; i++) {
    const sex = rand.chance(0.55) ? 'female' : 'male';
    const adult = rand.chance(0.08);
    if (adult) adults.add(i);
    const ageDays = adult ? rand.int(18 * 365, 40 * 365) : rand.int(10 * 365, 17 * 365 + 300);
    const dobKnown = rand.chance(0.9);
    const dob = new Date(anchor.getTime() - ageDays * day).toISOString().slice(0, 10);
    const hasAddress = rand.chance(0.85);
    persons.push({
      id: uuid(),
      givenName: rand.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE),
      familyName: rand.pick(FAMILY),
      dateOfBirth: dobKnown ? dob : null,
      dobPrecision: dobKnown ? (rand.chance(0.1) ? 'approximate' : 'exact') : 'unknown',
      sex,
      ethnicity: rand.weighted(ETHNICITY_WEIGHTS),
      firstLanguage: rand.weighted(LANGUAGES),
      address: hasAddress ? `${rand.int(1, 140)} ${rand.pick(STREETS)}, Northmoor` : null,
      postcode: hasAddress
        ? `NM${rand.int(1, 9)} ${rand.int(1, 9)}${rand.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}${rand.pick('ABDEFGHJLNPQRSTUWXYZ'.split(''))}`
        : null,
      nhsNumber: rand.chance(0.6) ? nhsNumber(rand) : null,
      placingAuthority: rand.chance(0.07)
        ? rand.pick(['Eastvale Council (fictional)', 'Westbridge Council (fictional)', 'Southmere Council (fictional)'])
        : null,
    });
  }
  const referrals: DemoReferral[] = [];
  persons.forEach((p, personIndex) => {
    const count = rand.weighted([
      [1, 60],
      [2, 28],
      [3, 9],
      [4, 3],
    ] as const);
    for (let k = 0; k < count; k++) {
      const ageOfReferral = rand.int(0, 730);
      const receivedAt = new Date(anchor.getTime() - ageOfReferral * day - rand.int(0, 86_399) * 1000);
      const agency = rand.weighted(REFERRERS);
      const types = rand.chance(0.5) ? ['ce'] : rand.chance(0.6) ? ['cse'] : ['cse', 'ce'];
      if (rand.chance(0.15)) types.push('county_lines');
      if (rand.chance(0.1)) types.push('online');
      const indicators = Object.keys(INDICATORS).filter(() => rand.chance(0.18));
      const consent = rand.weighted([
        ['given', 70],
        ['not_sought', 20],
        ['refused', 10],
      ] as const);
      const names = indicators.map((i) => INDICATORS[i as keyof typeof INDICATORS].toLowerCase());
      referrals.push({
        id: uuid(),
        personIndex,
        agency,
        receivedAt,
        referrerName: `${rand.pick([...GIVEN_FEMALE, ...GIVEN_MALE])} Demo-${rand.pick(['Worker', 'Officer', 'Teacher', 'Nurse', 'Practitioner'])}`,
        referrerContact: rand.chance(0.8) ? `01632 ${rand.int(100000, 999999)}` : null,
        concerns: `Fictional demo referral. ${p.givenName} has been seen ${rand.pick(['late at night near the Station Road takeaways', 'getting into cars with unknown older males', 'at the Canal Street park with older teenagers', 'travelling out of the borough by train', 'with new clothes and phones that cannot be explained'])}.${names.length ? ` Indicators noted: ${names.join('; ')}.` : ''}`,
        exploitationTypes: types.filter((t) => t in EXPLOITATION_TYPES),
        indicators,
        consent,
        lawfulBasisReason:
          consent === 'given' ? null : 'Sharing is necessary to protect a child from significant harm (Children Act 1989 s47; DPA 2018 Schedule 8).',
        urgency: rand.weighted([
          ['routine', 75],
          ['urgent', 22],
          ['immediate', 3],
        ] as const),
        status: ageOfReferral < 14 ? 'new' : rand.chance(0.7) ? 'triaged' : 'closed',
      });
    }
  });
  fillCategories(referrals, adults, seededRandom(seed + 2));
  referrals.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  return { persons, referrals, partnershipId: uuid(), agencyIds: Object.fromEntries(DEMO_AGENCIES.map((a) => [a.key, uuid()])) };
}

/**
 * Every triage category appears (issue 15.8): adults' referrals are mostly about cuckooing or modern slavery (triage
 * files them as Adults), and a few children's are about neither sexual nor criminal exploitation (Youth Violence or
 * Other). Drawn from a stream of its own after the people and referrals, so everyone else stays as they were.
 */
function fillCategories(referrals: DemoReferral[], adults: ReadonlySet<number>, more: ReturnType<typeof seededRandom>): void {
  for (const r of referrals) {
    if (adults.has(r.personIndex) && more.chance(0.7)) r.exploitationTypes = [more.pick(['cuckooing', 'modern_slavery', 'financial'])];
    else if (!adults.has(r.personIndex) && more.chance(0.07)) r.exploitationTypes = ['other'];
  }
}
