// Fictional triage history for the demo partnership: a meeting on each day referrals were decided, a standing
// decision on every referral received more than a fortnight ago, some re-decisions, screenings and actions (some
// overdue). Deterministic (its own seed), bulk-inserted so the demo seed stays fast.

import { type Answer, DEFAULT_TOOLKIT, rescreenDueDate, scoreScreening } from '../modules/screening/domain.ts';
import { TRIAGE_OUTCOMES } from '../modules/triage/vocab.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { seededRandom } from './random.ts';
import { copyStandingDecisions, insertRows, markTriageCore } from './store.ts';

interface DemoReferralRef {
  id: string;
  personId: string;
  receivedAt: Date;
  status: string;
  exploitationTypes: string[];
  agencyId: string;
}

// Referrals about these (and neither sexual nor criminal exploitation) are adults' and triaged as Adults.
const ADULT_TYPES = ['cuckooing', 'modern_slavery', 'financial'];
const RATIONALES = [
  'Fictional: older associates and unexplained gifts; the school and the voluntary sector share concerns.',
  'Fictional: repeat missing episodes with sightings near the Station Road takeaways.',
  'Fictional: information shared by police about a vehicle seen collecting young people.',
  'Fictional: concerns are historical and the family is engaging with early help.',
  'Fictional: found out of area with cash and two phones; consistent with a county line.',
];
const ACTIONS = [
  'Strategy discussion with social care',
  'Return home interview follow-up',
  'Share intelligence with police',
  'School to complete safety plan',
  'Offer mentoring from the voluntary project',
];

export async function seedTriageDemo(
  tx: Db,
  pid: string,
  referrals: DemoReferralRef[],
  agencyIds: string[],
  coreAgencyIds: string[],
  decidedBy: string,
  anchor: Date,
) {
  const rand = seededRandom(20_260_517);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => rand.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-c${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  await markTriageCore(tx, pid, coreAgencyIds);
  await insertRows(tx, 'screening_toolkit', [
    { partnership_id: pid, id: DEFAULT_TOOLKIT.id, version: DEFAULT_TOOLKIT.version, name: DEFAULT_TOOLKIT.name, definition: JSON.stringify(DEFAULT_TOOLKIT) },
  ]);

  const meetings = new Map<string, string>();
  const meetingRows: Record<string, unknown>[] = [];
  const meetingFor = (day: string) => {
    let id = meetings.get(day);
    if (!id) {
      id = uuid();
      meetings.set(day, id);
      meetingRows.push({
        partnership_id: pid,
        id,
        meeting_date: day,
        chair_agency_id: coreAgencyIds[meetingRows.length % coreAgencyIds.length],
        chair_name: 'Fictional Chair',
        created_by: decidedBy,
      });
    }
    return id;
  };
  const decisions: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const screenings: Record<string, unknown>[] = [];
  const standing: { id: string; outcome: string; category: string; at: Date }[] = [];
  const today = ukDate(anchor);
  const indicatorKeys = DEFAULT_TOOLKIT.indicators.map((i) => i.key);

  for (const r of referrals) {
    if (rand.chance(0.6)) {
      const answers: Record<string, Answer> = {};
      for (const key of indicatorKeys) if (rand.chance(0.12)) answers[key] = rand.pick(['current', 'past_6_months', '6_to_12_months'] as const);
      const result = scoreScreening(DEFAULT_TOOLKIT, answers);
      const at = new Date(r.receivedAt.getTime() + rand.int(1, 20) * 3_600_000);
      if (at < anchor) {
        screenings.push({
          partnership_id: pid,
          id: uuid(),
          referral_id: r.id,
          person_id: r.personId,
          toolkit_id: DEFAULT_TOOLKIT.id,
          toolkit_version: DEFAULT_TOOLKIT.version,
          answers: JSON.stringify(answers),
          score: result.score,
          suggested_level: result.band,
          drivers: JSON.stringify(result.drivers.map(({ key, label, group, answer, points }) => ({ key, label, group, answer, points }))),
          forced_by: JSON.stringify([]),
          level: result.band,
          screened_by: decidedBy,
          screened_by_agency_id: r.agencyId,
          screened_at: at,
          rescreen_due: rescreenDueDate(at),
        });
      }
    }
    if (r.status === 'new') continue;
    const times = rand.chance(0.1) ? 2 : 1;
    let last: { id: string; outcome: string; category: string; at: Date } | null = null;
    for (let k = 0; k < times; k++) {
      const at = new Date(r.receivedAt.getTime() + (1 + k * 7) * 86_400_000 + rand.int(0, 7) * 3_600_000);
      const day = ukDate(at);
      const cse = r.exploitationTypes.includes('cse');
      const ce = r.exploitationTypes.includes('ce');
      const adult = r.exploitationTypes.some((t) => ADULT_TYPES.includes(t));
      const category =
        cse && ce ? 'ce_and_cse' : cse ? 'cse' : ce ? (rand.chance(0.2) ? 'ce_and_violence' : 'ce') : adult ? 'adults' : rand.pick(['youth_violence', 'other']);
      const outcome = rand.weighted([
        [TRIAGE_OUTCOMES[0], 4],
        [TRIAGE_OUTCOMES[1], 20],
        [TRIAGE_OUTCOMES[2], 35],
        [TRIAGE_OUTCOMES[3], 30],
        [TRIAGE_OUTCOMES[4], 11],
      ] as const);
      const id = uuid();
      decisions.push({
        partnership_id: pid,
        id,
        referral_id: r.id,
        meeting_id: meetingFor(day),
        outcome,
        category,
        rationale: rand.pick(RATIONALES),
        decided_at: at,
        decided_by: decidedBy,
        created_at: at,
      });
      last = { id, outcome, category, at };
      if (outcome === 'medium' || outcome === 'high') {
        const due = addDays(day, rand.int(3, 28));
        actions.push({
          partnership_id: pid,
          id: uuid(),
          decision_id: id,
          referral_id: r.id,
          description: rand.pick(ACTIONS),
          owner_agency_id: rand.pick(agencyIds),
          owner_name: null,
          due_date: due,
          // Older actions are mostly done; a few recent ones are left open and overdue for the dashboard.
          status: due < addDays(today, -20) ? (rand.chance(0.9) ? 'done' : 'cancelled') : 'open',
          created_by: decidedBy,
        });
      }
    }
    if (last) standing.push(last);
  }
  await insertRows(tx, 'triage_meeting', meetingRows as never[]);
  await insertRows(tx, 'triage_decision', decisions as never[]);
  await insertRows(tx, 'triage_action', actions as never[]);
  await insertRows(tx, 'screening', screenings as never[]);
  await copyStandingDecisions(tx, pid, standing);
}
