// Deterministic generator of fictional UK-style people with corrupted duplicates, for benchmarks.
// Every person is invented: names are drawn independently from lists of common names, postcodes are
// random UK-shaped codes and identifiers are in the NHS's reserved test range (999 xxx xxxx).
import { seededRandom } from '../../src/modules/matching/random.ts';

const GIRLS = `olivia amelia isla ava mia ivy lily isabella sophia grace freya florence willow evie ella poppy
charlotte emily rosie ruby daisy alice sienna phoebe harper matilda evelyn elsie maya sofia millie chloe
lucy jessica megan holly leah zara aisha fatima maryam zainab hafsa khadija amira inaya anaya safa noor
hannah jasmine layla eliza esme imogen martha maisie bethany courtney kayleigh chelsea jade abigail
georgia katie lauren paige shannon tia demi amber niamh caitlin erin molly eleanor harriet priya
simran harleen jaspreet anjali sana ayesha iqra mariam hira alisha nadia julia zuzanna oliwia amelie
precious blessing favour chioma adaeze grace esther deborah rebecca naomi`.split(/\s+/);

const BOYS = `oliver george noah arthur muhammad leo harry oscar archie henry theodore freddie jack charlie
theo alfie jacob thomas finley arlo william lucas isaac tommy teddy ethan james max joshua samuel daniel
joseph reuben benjamin liam mason logan riley jayden tyler kyle callum connor kieran lewis rhys aidan
ryan jordan bradley dylan owen luke adam ibrahim yusuf ali omar hamza ayaan zayn bilal hassan ahmed
imran usman harvey ronnie louie jenson elijah sebastian edward alexander frederick stanley albert
arjun rohan aarav dev vikram sandeep gurpreet jakub szymon filip kacper emmanuel david samuel tobi
kwame kofi chidi michael christopher matthew andrew`.split(/\s+/);

const SURNAMES = `smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson
wright walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper
hill ward morris moore clark lee king baker harrison morgan allen james scott phillips watson davis parker
price bennett young griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy miller
cox richards khan marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell webb
rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler
russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole atkinson
bradley spencer gill dawson ball burton obrien watts rose booth perry ryan grant wells armstrong francis
rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh riley dennis kennedy
chaudhry rahman iqbal akhtar mahmood hussein qureshi siddiqui shah malik sharma kumar chowdhury mistry
nowak kowalski wisniewski okafor adeyemi mensah osei nguyen chen wong kaya yilmaz rossi costa silva
mcdonald mckenzie macleod fraser robertson reid paterson sutherland morrison hamilton ross`.split(/\s+/);

const STREETS = `acacia albert alexandra beech birch cedar chapel church clarence elm field garden grange
green grove hawthorn highfield hill holly lime manor maple meadow mill oak orchard park queens
regent rose school spring station stanley victoria willow windsor york`.split(/\s+/);
const STREET_TYPES = ['road', 'street', 'avenue', 'close', 'lane', 'drive', 'way', 'crescent', 'grove', 'gardens'];
const TOWNS = `northmoor eastwick fernley ashbridge millbrook oakhurst westholme brackenfield stonebridge
kingsmead lowfield harrowgate riverside dunmore elmstead`.split(/\s+/);
const AREAS = ['B', 'M', 'LS', 'L', 'S', 'BD', 'NE', 'CV', 'LE', 'NG', 'SK', 'OL', 'BL', 'WV', 'DY', 'WS', 'HD', 'HX', 'WF', 'DN'];
const UNIT = 'ABDEFGHJLNPQRSTUWXYZ';

// Nicknames and spellings a duplicate may use instead (a subset of the matcher's lexicon plus a few it lacks).
const VARIANTS: Record<string, string[]> = {
  muhammad: ['mohammed', 'mohammad', 'muhammed', 'mohamed'],
  kayleigh: ['kaylee', 'kayley', 'kayla'],
  aisha: ['ayesha', 'aysha'],
  ayesha: ['aisha'],
  zainab: ['zaynab'],
  yusuf: ['yousuf', 'yusef'],
  ibrahim: ['ebrahim'],
  hamza: ['hamzah'],
  ahmed: ['ahmad'],
  fatima: ['fatimah'],
  khadija: ['khadijah'],
  maryam: ['mariam'],
  william: ['will', 'billy', 'liam'],
  thomas: ['tom', 'tommy'],
  alexander: ['alex'],
  samuel: ['sam'],
  daniel: ['danny', 'dan'],
  joshua: ['josh'],
  benjamin: ['ben'],
  jessica: ['jess'],
  rebecca: ['becky'],
  katie: ['kate'],
  charlotte: ['charlie'],
  frederick: ['freddie'],
  edward: ['eddie', 'teddy'],
  theodore: ['theo'],
  isabella: ['bella', 'izzy'],
  sophia: ['sophie'],
  eleanor: ['ellie'],
  elizabeth: ['lizzie'],
  jacob: ['jake'],
  matthew: ['matt'],
  michael: ['mike'],
  christopher: ['chris'],
  andrew: ['andy'],
  james: ['jamie'],
  harry: ['harrison'],
  stanley: ['stan'],
};
const SURNAME_VARIANTS: Record<string, string[]> = {
  chaudhry: ['choudhury', 'chaudhary'],
  chowdhury: ['choudhury'],
  hussain: ['hussein'],
  hussein: ['hussain'],
  ahmed: ['ahmad'],
  rahman: ['rehman'],
  mcdonald: ['macdonald'],
  mckenzie: ['mackenzie'],
  clarke: ['clark'],
  obrien: ["o'brien"],
  thompson: ['thomson'],
};

export interface Person {
  id: string;
  given: string;
  family: string;
  dob: string;
  sex: string;
  postcode: string;
  address: string;
  identifier: string;
  /** Truth: index of the invented person this record describes. */
  person: number;
}

/** Zipf-like pick: common names are much commoner than rare ones, as in real registers. */
function zipf(list: readonly string[], random: () => number, s = 1.1): () => string {
  const weights = list.map((_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  return () => {
    const r = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] >= r) hi = mid;
      else lo = mid + 1;
    }
    return list[lo];
  };
}

/** Unique NHS-style numbers in the reserved test range 999 000 000x - 999 999 999x, valid check digit. */
function nhsTestNumbers(): () => string {
  let k = 0;
  return () => {
    for (;;) {
      // Walk a permutation of 0..999999 (step coprime to 10^6) so numbers never repeat.
      const body = String((k++ * 7_919 + 12_345) % 1_000_000).padStart(6, '0');
      const digits = [9, 9, 9, ...Array.from(body, Number)];
      const sum = digits.reduce((s, d, i) => s + d * (10 - i), 0);
      const check = 11 - (sum % 11);
      if (check === 10) continue;
      return `${digits.join('')}${check === 11 ? 0 : check}`;
    }
  };
}

export function generatePeople(n: number, seed = 20240501, duplicateRate = 0.1): Person[] {
  const random = seededRandom(seed);
  const int = (k: number) => Math.floor(random() * k);
  const pick = <T>(list: readonly T[]) => list[int(list.length)];
  const girl = zipf(GIRLS, random, 0.5);
  const boy = zipf(BOYS, random, 0.5);
  const surname = zipf(SURNAMES, random, 0.5);
  const nhsNumber = nhsTestNumbers();
  const household = () => {
    const area = pick(AREAS);
    const postcode = `${area}${1 + int(30)} ${int(10)}${UNIT[int(UNIT.length)]}${UNIT[int(UNIT.length)]}`;
    const address = `${1 + int(180)} ${pick(STREETS)} ${pick(STREET_TYPES)}, ${pick(TOWNS)}`;
    return { postcode, address };
  };
  const start = Date.UTC(2000, 0, 1);
  const days = 25 * 365;
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  const originals = Math.round(n / (1 + duplicateRate));
  const people: Person[] = [];
  while (people.length < originals) {
    // Households of 1-4 children share surname, address and often postcode: siblings and twins
    // are the hard negatives a matcher must not merge.
    const home = household();
    const family = surname();
    const size = random() < 0.5 ? 1 : 1 + int(4);
    let twinDob: number | null = null;
    let nextDob = start + int(days) * 86_400_000;
    for (let k = 0; k < size && people.length < originals; k++) {
      const sex = random() < 0.5 ? 'F' : 'M';
      // Siblings are born a year or more apart, except twins (about 3% of births here).
      const dob: number = twinDob ?? nextDob;
      twinDob = random() < 0.03 ? dob : null;
      nextDob = dob + (365 + int(3 * 365)) * 86_400_000;
      if (nextDob >= start + days * 86_400_000) nextDob = start + int(days) * 86_400_000;
      people.push({
        id: '',
        given: sex === 'F' ? girl() : boy(),
        family,
        dob: isoDate(dob),
        sex,
        postcode: home.postcode,
        address: home.address,
        identifier: random() < 0.7 ? nhsNumber() : '',
        person: people.length,
      });
    }
  }

  const typo = (s: string) => {
    if (s.length < 3) return s;
    const i = 1 + int(s.length - 1);
    const letter = 'abcdefghijklmnopqrstuvwxyz'[int(26)];
    switch (int(4)) {
      case 0:
        return s.slice(0, i) + s.slice(i + 1); // deletion
      case 1:
        return s.slice(0, i) + letter + s.slice(i); // insertion
      case 2:
        return s.slice(0, i) + letter + s.slice(i + 1); // substitution
      default:
        return i < s.length - 1 ? s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2) : s; // transposition
    }
  };
  const records: Person[] = [...people];
  const duplicates = n - originals;
  for (let d = 0; d < duplicates; d++) {
    const original = people[int(people.length)];
    const dup: Person = { ...original };
    const corruptions = 1 + int(3);
    for (let c = 0; c < corruptions; c++) {
      switch (int(11)) {
        case 0:
          dup.given = typo(dup.given);
          break;
        case 1:
          dup.family = typo(dup.family);
          break;
        case 2: {
          const v = VARIANTS[dup.given];
          if (v) dup.given = pick(v);
          else dup.given = typo(dup.given);
          break;
        }
        case 3: {
          const [y, m, day] = dup.dob.split('-');
          if (y && Number(day) <= 12) dup.dob = `${y}-${day}-${m}`;
          break;
        }
        case 4:
          dup.dob = '';
          break;
        case 5: {
          const moved = household(); // an old address: another postcode and street entirely
          dup.postcode = moved.postcode;
          dup.address = moved.address;
          break;
        }
        case 6:
          dup.identifier = '';
          break;
        case 7: {
          const v = SURNAME_VARIANTS[dup.family];
          if (v) dup.family = pick(v);
          else if (dup.dob) dup.dob = isoDate(Date.parse(dup.dob) + (1 + int(9)) * 86_400_000); // a slip of a few days
          break;
        }
        case 8:
          dup.postcode = random() < 0.5 ? dup.postcode.replace(' ', '').toLowerCase() : '';
          break;
        case 9:
          [dup.given, dup.family] = [dup.family, dup.given];
          break;
        default:
          dup.address = dup.address.replace(/ road,| street,| avenue,/, (m) => ({ ' road,': ' rd,', ' street,': ' st,', ' avenue,': ' ave,' })[m] ?? m);
          dup.given = dup.given[0].toUpperCase() + dup.given.slice(1);
      }
    }
    records.push(dup);
  }
  // Shuffle so duplicates are not at the end, then number.
  for (let i = records.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [records[i], records[j]] = [records[j], records[i]];
  }
  records.forEach((r, i) => {
    r.id = `P${String(i + 1).padStart(7, '0')}`;
  });
  return records;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(people: readonly Person[]): string {
  const lines = ['id,given_name,family_name,date_of_birth,sex,postcode,address,identifier'];
  for (const p of people) lines.push([p.id, p.given, p.family, p.dob, p.sex, p.postcode, p.address, p.identifier].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
