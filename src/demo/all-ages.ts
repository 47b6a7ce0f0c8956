// Demo for all ages (fictional): agencies that work with adults, an adult cuckooing case led by adult social care
// (screened with the adult toolkit), and a young person approaching 18 whose open case has its transition plan
// action; both with the child's (or adult's) voice and the family's.
import { randomUUID } from 'node:crypto';
import { birthdayAt } from '../modules/people/domain.ts';
import { nextReference } from '../modules/referrals/store.ts';
import { DEFAULT_ADULT_TOOLKIT, rescreenDueDate, scoreScreening } from '../modules/screening/domain.ts';
import { ensureTransitionPlan } from '../modules/transition/plans.ts';
import { meetingForDay } from '../modules/triage/store.ts';
import { insertVoice } from '../modules/voice/store.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, formatDate, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';
import { insertRows } from './store.ts';

const DAY = 86_400_000;

export async function seedAllAgesDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  users: { coordinator: string; socialWorker: string },
  anchor: Date,
): Promise<void> {
  const today = ukDate(anchor);
  const asc = randomUUID();
  const housing = randomUUID();
  const probation = randomUUID();
  await insertRows(tx, 'agency', [
    { partnership_id: pid, id: asc, name: 'Northmoor Adult Social Care (fictional)', sector: 'adult_social_care' },
    { partnership_id: pid, id: housing, name: 'Northmoor Homes (fictional)', sector: 'housing' },
    { partnership_id: pid, id: probation, name: 'Probation Service, Northmoor (fictional)', sector: 'probation' },
  ]);
  const coordinator = { id: users.coordinator, label: 'Sam Demo-Coordinator (demo)' };
  const yearsAgo = (y: number, months = 0) => {
    const d = new Date(anchor);
    d.setUTCMonth(d.getUTCMonth() - months);
    d.setUTCFullYear(d.getUTCFullYear() - y);
    return ukDate(d);
  };

  /** A person referred, triaged and with an open case, as the pages would have made them. */
  async function caseFor(p: {
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    sex: string;
    postcode: string;
    referrer: { agencyId: string; name: string; role: string };
    concerns: string;
    types: string[];
    outcome: 'low' | 'medium' | 'high';
    category: string;
    lead: string;
    allocated: string | null;
    daysAgo: number;
    voice: { child: string; family: string | null };
  }) {
    const personId = randomUUID();
    const referralId = randomUUID();
    const decisionId = randomUUID();
    const received = new Date(anchor.getTime() - p.daysAgo * DAY);
    const decided = new Date(received.getTime() + 2 * DAY);
    await insertRows(tx, 'person', [
      {
        partnership_id: pid,
        id: personId,
        given_name: p.givenName,
        family_name: p.familyName,
        date_of_birth: p.dateOfBirth,
        dob_precision: 'exact',
        sex: p.sex,
        postcode: p.postcode,
        created_at: received,
      },
    ]);
    await insertRows(tx, 'person_agency', [
      { partnership_id: pid, person_id: personId, agency_id: p.referrer.agencyId },
      ...(p.lead === p.referrer.agencyId ? [] : [{ partnership_id: pid, person_id: personId, agency_id: p.lead }]),
    ]);
    const reference = await nextReference(tx, pid, Number(ukDate(received).slice(0, 4)));
    await insertRows(tx, 'referral', [
      {
        partnership_id: pid,
        id: referralId,
        reference,
        person_id: personId,
        received_at: received,
        referring_agency_id: p.referrer.agencyId,
        referrer_name: p.referrer.name,
        referrer_role: p.referrer.role,
        concerns: p.concerns,
        exploitation_types: p.types,
        indicators: [],
        consent: 'given',
        urgency: 'urgent',
        status: 'triaged',
        triage_outcome: p.outcome,
        triage_category: p.category,
        triaged_at: decided,
        created_by: users.coordinator,
        created_at: received,
      },
    ]);
    const meeting = await meetingForDay(tx, pid, ukDate(decided), users.coordinator);
    await insertRows(tx, 'triage_decision', [
      {
        partnership_id: pid,
        id: decisionId,
        referral_id: referralId,
        meeting_id: meeting.id,
        outcome: p.outcome,
        category: p.category,
        rationale: 'Fictional demo rationale: agreed at the triage meeting.',
        decided_at: decided,
        decided_by: users.coordinator,
      },
    ]);
    const caseId = randomUUID();
    await insertRows(tx, 'exploitation_case', [
      {
        partnership_id: pid,
        id: caseId,
        person_id: personId,
        status: 'open',
        status_reason: 'Referral accepted at triage',
        status_changed_at: decided,
        risk_level: p.outcome,
        category: p.category,
        risk_decision_id: decisionId,
        risk_decided_at: decided,
        risk_decided_by: users.coordinator,
        lead_agency_id: p.lead,
        allocated_worker_id: p.allocated,
        review_due: addDays(today, 10),
        opened_at: decided,
      },
    ]);
    await insertRows(tx, 'case_status_history', [
      {
        partnership_id: pid,
        id: randomUUID(),
        case_id: caseId,
        status: 'open',
        reason: 'Referral accepted at triage',
        changed_at: decided,
        changed_by: users.coordinator,
      },
    ]);
    await insertVoice(tx, pid, {
      personId,
      recordedIn: 'referral',
      recordId: referralId,
      childViews: null,
      familyViews: p.voice.family,
      recordedAt: received,
      recordedBy: null,
      recordedByLabel: p.referrer.name,
    });
    await insertVoice(tx, pid, {
      personId,
      recordedIn: 'triage_decision',
      recordId: decisionId,
      childViews: p.voice.child,
      familyViews: null,
      recordedAt: decided,
      recordedBy: users.coordinator,
      recordedByLabel: coordinator.label,
    });
    for (const [name, at, subject] of [
      ['referral.created', received, { type: 'referral', id: referralId, details: { reference, urgency: 'urgent' } }],
      ['triage_decision.recorded', decided, { type: 'triage_decision', id: decisionId, details: { referralId, outcome: p.outcome, category: p.category } }],
      ['case.opened', decided, { type: 'case', id: caseId, details: { riskLevel: p.outcome, category: p.category } }],
    ] as const)
      await recordChange(tx, pid, coordinator, name, { ...subject, personId }, at);
    return { personId, referralId };
  }

  // An adult whose flat is used by a county line (cuckooing): referred by housing, led by adult social care.
  const adult = await caseFor({
    givenName: 'Graham',
    familyName: 'Demo-Ashcombe',
    dateOfBirth: yearsAgo(52, 3),
    sex: 'male',
    postcode: 'NM3 2QT',
    referrer: { agencyId: housing, name: 'Lee Demo-Housingofficer', role: 'Tenancy sustainment officer' },
    concerns:
      'Fictional demo: neighbours report young people coming and going from the flat at all hours; the tenant has a learning disability and says his "friends" keep his bank card.',
    types: ['cuckooing', 'ce'],
    outcome: 'high',
    category: 'adults',
    lead: asc,
    allocated: null,
    daysAgo: 20,
    voice: {
      child: 'Fictional: "They said they were my mates. I want my flat back but I am scared of them."',
      family: 'Fictional: his sister says he stopped answering the phone in the summer.',
    },
  });
  // The adult toolkit, as the hub screened him.
  const answers = Object.fromEntries(
    DEFAULT_ADULT_TOOLKIT.indicators.map((i) => [
      i.key,
      ['learning_disability', 'isolated', 'new_friends_at_home', 'callers_all_hours', 'home_used_by_others', 'money_controlled'].includes(i.key)
        ? 'current'
        : 'not_present',
    ]),
  ) as Record<string, 'current' | 'not_present'>;
  const scored = scoreScreening(DEFAULT_ADULT_TOOLKIT, answers);
  const screenedAt = new Date(anchor.getTime() - 19 * DAY);
  await insertRows(tx, 'screening_toolkit', [
    {
      partnership_id: pid,
      id: DEFAULT_ADULT_TOOLKIT.id,
      version: DEFAULT_ADULT_TOOLKIT.version,
      name: DEFAULT_ADULT_TOOLKIT.name,
      definition: JSON.stringify(DEFAULT_ADULT_TOOLKIT),
    },
  ]);
  await insertRows(tx, 'screening', [
    {
      partnership_id: pid,
      id: randomUUID(),
      referral_id: adult.referralId,
      person_id: adult.personId,
      toolkit_id: DEFAULT_ADULT_TOOLKIT.id,
      toolkit_version: DEFAULT_ADULT_TOOLKIT.version,
      answers: JSON.stringify(answers),
      score: scored.score,
      suggested_level: scored.band,
      drivers: JSON.stringify(scored.drivers.map(({ key, label, group, answer, points }) => ({ key, label, group, answer, points }))),
      forced_by: JSON.stringify(scored.forcedBy.map(({ key, label, answer }) => ({ key, label, answer }))),
      level: scored.band,
      override_reason: null,
      screened_by: users.coordinator,
      screened_by_agency_id: agencyIds.hub,
      screened_at: screenedAt,
      rescreen_due: rescreenDueDate(screenedAt),
    },
  ]);

  // A young person of 17 years 8 months: "Turns 18 on ..." and one transition plan action, owned by the social worker's agency.
  const dob = yearsAgo(17, 8);
  const young = await caseFor({
    givenName: 'Kacey',
    familyName: 'Demo-Bridgewater',
    dateOfBirth: dob,
    sex: 'female',
    postcode: 'NM1 7HD',
    referrer: { agencyId: agencyIds.college, name: 'Dana Demo-Tutor', role: 'Safeguarding lead' },
    concerns: 'Fictional demo: picked up from college by older men in different cars; new phone; missing overnight twice this month.',
    types: ['cse'],
    outcome: 'medium',
    category: 'cse',
    lead: agencyIds.csc,
    allocated: users.socialWorker,
    daysAgo: 30,
    voice: {
      child: 'Fictional: "When I am 18 I want my own place, not a hostel."',
      family: 'Fictional: her foster carer worries about what happens after her birthday.',
    },
  });
  await ensureTransitionPlan(tx, pid, young.personId, today, coordinator);
  // Her plan's views too, with the date she turns 18 in mind.
  await insertVoice(tx, pid, {
    personId: young.personId,
    recordedIn: 'plan',
    recordId: null,
    childViews: `Fictional: wants to meet her adult social worker before ${formatDate(birthdayAt(dob, 18))}.`,
    familyViews: null,
    recordedAt: new Date(anchor.getTime() - DAY),
    recordedBy: users.socialWorker,
    recordedByLabel: 'Pat Demo-Socialworker',
  });
}
