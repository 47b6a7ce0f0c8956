// Fictional demo training and awareness for Northmoor: about 1,600 licensed taxi drivers with completions spread
// over 18 months, GPs on annual level 3, councillors after an election, governors across schools, awareness
// sessions, campaigns in community languages, faith groups to reach, and evaluation responses. Bulk inserts.
import { randomUUID } from 'node:crypto';
import { addMonths } from '../modules/training/domain.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { seededRandom } from './random.ts';
import { insertRows } from './store.ts';

const FIRST = [
  'Amir',
  'Beth',
  'Callum',
  'Dana',
  'Eshan',
  'Fern',
  'Gareth',
  'Hana',
  'Idris',
  'Jade',
  'Kamal',
  'Lena',
  'Mo',
  'Nia',
  'Owen',
  'Priya',
  'Rhys',
  'Sana',
  'Tom',
  'Yusuf',
];
const LAST = [
  'Ashcombe',
  'Brindle',
  'Carrow',
  'Dunmore',
  'Elstow',
  'Fenwick',
  'Garside',
  'Holloway',
  'Ibbot',
  'Jessop',
  'Kettering',
  'Lowther',
  'Marsh',
  'Northam',
  'Oakes',
  'Pryor',
];

export async function seedTrainingDemo(tx: Db, pid: string, anchor: Date): Promise<void> {
  const rnd = seededRandom(1414);
  const today = ukDate(anchor);
  const name = () => `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
  const org = (n: string, kind: string, reach: string | null = null) => ({
    partnership_id: pid,
    id: randomUUID(),
    name: n,
    kind,
    reach_status: reach,
    reach_notes: null,
    reach_updated_at: reach ? anchor : null,
  });
  const firms = [
    'Moorside Cars',
    'Castlegate Taxis',
    'Dunmere Private Hire',
    'Abbeyfield Cabs',
    'Eastholme Executive',
    'Station Road Taxis',
    'Quarry Row Cars',
    'Northmoor Airport Transfers',
  ].map((n) => org(`${n} (fictional)`, 'taxi_firm'));
  const schools = Array.from({ length: 40 }, (_, i) =>
    org(`Northmoor ${['Primary', 'Academy', 'High School', 'Infant School'][i % 4]} ${i + 1} (fictional)`, 'school'),
  );
  const practices = Array.from({ length: 16 }, (_, i) => org(`Northmoor Medical Practice ${i + 1} (fictional)`, 'gp_practice'));
  const council = org('Northmoor Borough Council (fictional)', 'council');
  const hotels = ['Gateway Lodge', 'Riverside Inn', 'Moor View Hotel', 'Station Hotel'].map((n) =>
    org(`${n} (fictional)`, 'hotel', rnd.pick(['contacted', 'engaged'])),
  );
  const homes = ['Birch House', 'Willow Lodge', 'Elm Court'].map((n) => org(`${n} residential home (fictional)`, 'residential_home', 'engaged'));
  const faith = Array.from({ length: 60 }, (_, i) =>
    org(
      `Faith group ${i + 1}, Northmoor (fictional)`,
      'faith_group',
      rnd.weighted([
        ['identified', 5],
        ['contacted', 3],
        ['engaged', 2],
      ] as const),
    ),
  );
  await insertRows(tx, 'training_org', [...firms, ...schools, ...practices, council, ...hotels, ...homes, ...faith]);

  const course = (n: string, level: string | null, validity: number | null) => ({
    partnership_id: pid,
    id: randomUUID(),
    name: n,
    level,
    validity_months: validity,
  });
  const drivers = course('CSE awareness for licensed drivers', 'Level 1', 36);
  const gp = course('Safeguarding children level 3', 'Level 3', 12);
  const councillors = course('Councillor safeguarding e-learning', null, 24);
  const governors = course('Safeguarding training for governors', 'Level 2', 12);
  await insertRows(tx, 'training_course', [drivers, gp, councillors, governors]);

  const start = addMonths(today, -16);
  const election = addMonths(today, -7);
  const cohort = (n: string, c: { id: string }, rule: string, months: number, startDate: string | null) => ({
    partnership_id: pid,
    id: randomUUID(),
    name: n,
    course_id: c.id,
    rule,
    months,
    start_date: startDate,
  });
  const cohorts = [
    cohort('Licensed taxi and private hire drivers', drivers, 'by_date', 18, start),
    cohort('GPs', gp, 'recurring', 12, null),
    cohort('Councillors', councillors, 'from_joining', 3, null),
    cohort('School governors', governors, 'recurring', 4, null),
  ];
  await insertRows(tx, 'training_cohort', cohorts);

  const members: Record<string, unknown>[] = [];
  const completions: Record<string, unknown>[] = [];
  const add = (cohortIndex: number, courseId: string, prefix: string, i: number, orgId: string, joinedOn: string, done: string[]) => {
    const id = randomUUID();
    members.push({
      partnership_id: pid,
      id,
      cohort_id: cohorts[cohortIndex].id,
      reference: `${prefix}-${String(i + 1).padStart(4, '0')}`,
      name: name(),
      org_id: orgId,
      email: null,
      user_id: null,
      joined_on: joinedOn,
    });
    for (const d of done)
      completions.push({ partnership_id: pid, id: randomUUID(), member_id: id, course_id: courseId, completed_on: d, source: 'import', recorded_by: null });
  };
  const day = (from: string, to: string) => addDays(from, rnd.int(0, Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000))));
  // Drivers: completions spread over the 18 months since the programme started, about 70% so far.
  for (let i = 0; i < 1600; i++)
    add(0, drivers.id, 'NM-TX', i, rnd.pick(firms).id, addDays(start, -rnd.int(0, 900)), rnd.chance(0.7) ? [day(start, today)] : []);
  // GPs: annual level 3, most renewed in time.
  for (let i = 0; i < 140; i++) {
    const first = day(addMonths(today, -30), addMonths(today, -18));
    const done = [first, addDays(addMonths(first, 12), -rnd.int(0, 20))];
    if (rnd.chance(0.85)) done.push(addDays(addMonths(first, 24), -rnd.int(0, 40)));
    add(
      1,
      gp.id,
      'NM-GP',
      i,
      rnd.pick(practices).id,
      addMonths(today, -36),
      done.filter((d) => d <= today),
    );
  }
  // Councillors: elected seven months ago, to complete within three months; some have not.
  for (let i = 0; i < 51; i++) add(2, councillors.id, 'NM-CLLR', i, council.id, election, rnd.chance(0.62) ? [day(election, addMonths(election, 5))] : []);
  // Governors: about 10 a school, termly refresher; about 30% current, in just over half the schools.
  for (let i = 0; i < 400; i++) {
    const school = schools[i % 40];
    const engaged = schools.indexOf(school) % 20 < 11;
    add(
      3,
      governors.id,
      'NM-GOV',
      i,
      school.id,
      addMonths(today, -24),
      engaged && rnd.chance(0.55) ? [day(addMonths(today, -3), today)] : rnd.chance(0.2) ? [day(addMonths(today, -20), addMonths(today, -6))] : [],
    );
  }
  await insertRows(tx, 'training_member', members as never);
  await insertRows(tx, 'training_completion', completions as never);

  const campaigns = [
    {
      partnership_id: pid,
      id: randomUUID(),
      name: 'Look closer (fictional)',
      description: 'Posters and leaflets for night-time economy and transport staff',
      languages: ['English', 'Urdu', 'Polish', 'Punjabi'],
      starts_on: addMonths(today, -10),
      ends_on: addMonths(today, -4),
    },
    {
      partnership_id: pid,
      id: randomUUID(),
      name: 'Safer schools week (fictional)',
      description: 'Assemblies and parent sessions',
      languages: ['English', 'Bengali'],
      starts_on: addMonths(today, -3),
      ends_on: addMonths(today, -3),
    },
  ];
  await insertRows(tx, 'training_campaign', campaigns);
  const sessions: Record<string, unknown>[] = [];
  const evaluations: Record<string, unknown>[] = [];
  const audiences = [
    ['pupils', 24, [40, 160], schools],
    ['parents', 14, [15, 70], schools],
    ['professionals', 16, [10, 60], practices],
    ['drivers', 10, [15, 40], firms],
    ['hotel_staff', 6, [5, 20], hotels],
    ['faith_groups', 8, [10, 45], faith],
    ['community', 6, [20, 80], [council]],
  ] as const;
  for (const [audience, n, [lo, hi], orgs] of audiences) {
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const campaign =
        audience === 'pupils' || audience === 'parents' ? campaigns[1] : audience === 'drivers' || audience === 'hotel_staff' ? campaigns[0] : null;
      const reached = rnd.int(lo, hi);
      sessions.push({
        partnership_id: pid,
        id,
        held_on: day(addMonths(today, -11), today),
        title: `${audience === 'pupils' ? 'Healthy relationships assembly' : audience === 'drivers' ? 'Spotting exploitation: drivers' : 'Exploitation awareness'} (fictional)`,
        audience,
        org_id: rnd.pick(orgs as readonly { id: string }[]).id,
        campaign_id: campaign?.id ?? null,
        reached,
        language: rnd.weighted([
          ['English', 8],
          ['Urdu', 1],
          ['Polish', 1],
        ] as const),
      });
      if (audience !== 'pupils')
        for (let r = 0; r < Math.min(reached, 12); r++) {
          const before = rnd.int(1, 4);
          evaluations.push({
            partnership_id: pid,
            id: randomUUID(),
            session_id: id,
            course_id: null,
            before_score: before,
            after_score: rnd.chance(0.94) ? rnd.int(before + 1, 5) : before,
          });
        }
    }
  }
  await insertRows(tx, 'training_session', sessions as never);
  await insertRows(tx, 'training_evaluation', evaluations as never);
}
