// Fictional demo: the hub's information requests (answered, outstanding, overdue) on referrals awaiting triage, and
// the referring teacher's view of their school's referrals: they made them, and were told the latest outcomes.
// Deterministic: ids and times follow from the anchor.

import { createHash } from 'node:crypto';
import { TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from '../modules/triage/vocab.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, formatDate, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';
import { DEMO_AGENCIES, DEMO_USERS } from './data.ts';
import { awaitingTriage, insertRows, latestOutcomes, setReferrerUser } from './store.ts';

const DEMO = { id: null, label: 'jigsaw demo' };
const HOUR = 3_600_000;

const uuid = (seed: string) => {
  const h = createHash('sha256').update(`demo-information-request:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const QUESTIONS = [
  'Fictional: what does your agency hold about this young person: attendance, exclusions, known associates, any missing episodes?',
  'Fictional: is the family known to you, and is anyone working with them now?',
  'Fictional: any sightings, stops or intelligence about vehicles or addresses linked to this young person?',
];
const ANSWERS: Record<string, string> = {
  police: 'Fictional: stopped twice near Station Road with older males; no arrests. One missing report last month.',
  csc: 'Fictional: known to early help last year for neglect; case closed in the spring. No current allocation.',
  school: 'Fictional: attendance 71% this term, late most Mondays; seen collected by a grey car after school.',
};

/** Who is asked about each referral awaiting triage, and how the request stands ('answered', days until due). */
const PLAN: { agency: string; question: number; due: number; answered?: boolean }[][] = [
  [
    { agency: 'school', question: 0, due: 2 },
    { agency: 'police', question: 2, due: 1, answered: true },
    { agency: 'health', question: 1, due: -2 },
  ],
  [
    { agency: 'csc', question: 1, due: 3, answered: true },
    { agency: 'streets', question: 0, due: 3 },
  ],
  [
    { agency: 'yjs', question: 0, due: -1 },
    { agency: 'school', question: 0, due: 2, answered: true },
  ],
  [{ agency: 'health', question: 1, due: 1 }],
];

/** A demo user's id, as seed.ts numbers them (by their place in DEMO_USERS). */
const demoUserId = (emailLocalPart: string) =>
  `00000000-0000-4000-8000-${String(DEMO_USERS.findIndex((u) => u.email.startsWith(`${emailLocalPart}@`)) + 1).padStart(12, '0')}`;

export async function seedInformationRequestsDemo(tx: Db, pid: string, agencyIds: Record<string, string>, anchor: Date) {
  const hubUserId = demoUserId('hub.coordinator');
  const teacherUserId = demoUserId('practitioner');
  const today = ukDate(anchor);
  const agencyName = (key: string) => DEMO_AGENCIES.find((a) => a.key === key)?.name ?? key;
  const referrals = await awaitingTriage(tx, pid, PLAN.length);
  const rows: Parameters<typeof insertRows<'information_request'>>[2] = [];
  const notifications: Parameters<typeof insertRows<'notification'>>[2] = [];
  for (const [i, referral] of referrals.entries()) {
    for (const ask of PLAN[i]) {
      const id = uuid(`${referral.id}:${ask.agency}`);
      const sentAt = new Date(anchor.getTime() - (30 + i) * HOUR);
      const answeredAt = ask.answered ? new Date(anchor.getTime() - (6 + i) * HOUR) : null;
      const dueDate = addDays(today, ask.due);
      const question = QUESTIONS[ask.question];
      const answer = ask.answered ? (ANSWERS[ask.agency] ?? 'Fictional: nothing held beyond a contact two years ago.') : null;
      rows.push({
        partnership_id: pid,
        id,
        referral_id: referral.id,
        person_id: referral.person_id,
        agency_id: agencyIds[ask.agency],
        question,
        due_date: dueDate,
        status: ask.answered ? 'answered' : 'outstanding',
        answer,
        answered_at: answeredAt,
        answered_by: ask.answered && ask.agency === 'school' ? teacherUserId : null,
        created_by: hubUserId,
        created_at: sentAt,
      });
      const agency = agencyName(ask.agency);
      const base = { referralId: referral.id, reference: referral.reference, agencyId: agencyIds[ask.agency], agency, question };
      // The chronology is built from domain events: the demo's requests carry the same events as real ones.
      await recordChange(
        tx,
        pid,
        DEMO,
        'information_request.sent',
        { type: 'information_request', id, personId: referral.person_id, details: { ...base, dueDate } },
        sentAt,
      );
      if (answeredAt) {
        await recordChange(
          tx,
          pid,
          DEMO,
          'information_request.answered',
          { type: 'information_request', id, personId: referral.person_id, details: { ...base, answer } },
          answeredAt,
        );
      }
      const name = `${referral.given_name} ${referral.family_name}`;
      if (ask.agency === 'school' && !ask.answered) {
        notifications.push({
          partnership_id: pid,
          id: uuid(`notify:${id}`),
          user_id: teacherUserId,
          kind: 'information_request',
          title: `Information request: ${name}`,
          body: `The hub asks what your agency holds about ${name}, by ${formatDate(dueDate)}.`,
          link: `/information-requests/${id}`,
          person_id: null,
          created_at: sentAt,
        });
      }
    }
  }
  await insertRows(tx, 'information_request', rows);

  // The teacher made their school's referrals and was told the latest outcomes (seed 002: they used to hear nothing).
  await setReferrerUser(tx, pid, agencyIds.school, teacherUserId);
  for (const r of await latestOutcomes(tx, pid, agencyIds.school, 3)) {
    const level = TRIAGE_OUTCOME_LABELS[r.triage_outcome as keyof typeof TRIAGE_OUTCOME_LABELS] ?? r.triage_outcome;
    const category = TRIAGE_CATEGORY_LABELS[r.triage_category as keyof typeof TRIAGE_CATEGORY_LABELS] ?? r.triage_category;
    notifications.push({
      partnership_id: pid,
      id: uuid(`outcome:${r.id}`),
      user_id: teacherUserId,
      kind: 'referral_outcome',
      title: `Referral ${r.reference} triaged: ${level}`,
      body: `The hub has decided on your referral about ${r.given_name} ${r.family_name}. Level of risk: ${level}. Category: ${category}.`,
      link: `/referrals/${r.id}`,
      person_id: null,
      created_at: r.triaged_at ?? anchor,
    });
  }
  await insertRows(tx, 'notification', notifications);
}
