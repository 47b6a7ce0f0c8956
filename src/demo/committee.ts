// A fictional Northmoor scrutiny panel meeting two quarters ago, worded after the councils' minutes (seeds 000 and
// 002): three questions asked and answered, and two resolutions, one promising "quarterly reports on the
// undertaking of the return home interviews" with the last quarter's report already produced from the demo's own
// figures. Every name is made up.
import { randomUUID } from 'node:crypto';
import { dueOn, nextDueOn, periodContaining, periodFrom } from '../modules/committee/domain.ts';
import { addMonths } from '../modules/reports/domain.ts';
import { headlineFigures } from '../modules/reports/figures.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate, ukDayStart } from '../platform/time.ts';
import '../modules/committee/schema.ts';
import { insertRows } from './store.ts';

const QUESTIONS: [string, string, string, string][] = [
  [
    'Councillor Demo-Member (Vice-Chair)',
    'What is the extent and profile of child exploitation in Northmoor?',
    'Fictional: the problem profile shows offences reported were similar to the year before; reporting relies on disclosure, so partners keep raising awareness in schools and communities.',
    'DCI Demo-Police, Public Protection, Northmoor Police (fictional)',
  ],
  [
    'The Chair',
    'How are return home interviews carried out within 72 hours when parents or children do not engage?',
    'Fictional: outreach workers visit again and seek a parent’s consent; what the child says is passed to the police and to children’s social care through the hub.',
    'Taylor Demo-Missing, Missing and Return Interviews Coordinator',
  ],
  [
    'Councillor Demo-Ward',
    'Is there an awareness programme for children, families and the wider community, and is it reaching the right people?',
    'Fictional: sessions were run in 12 schools and for parents’ groups; activity is weighted to the wards where most concerns are raised.',
    'Jo Demo-Outreach, Northmoor Street Team (fictional)',
  ],
];

export async function seedCommitteeDemo(tx: Db, pid: string, coordinator: { id: string; name: string }, anchor: Date): Promise<void> {
  const today = ukDate(anchor);
  const twoQuartersAgo = addMonths(periodContaining(today, 'quarterly').from, -6);
  const heldOn = addDays(twoQuartersAgo, 20);
  const meetingId = randomUUID();
  await insertRows(tx, 'committee_meeting', [
    {
      partnership_id: pid,
      id: meetingId,
      committee: 'Children’s Scrutiny Panel (fictional)',
      held_on: heldOn,
      title: 'Child exploitation: partners’ review of the year (fictional)',
      created_by: coordinator.id,
      created_at: ukDayStart(addDays(heldOn, 2)),
    },
  ]);
  await insertRows(
    tx,
    'committee_question',
    QUESTIONS.map(([askedBy, question, answer, answeredBy], i) => ({
      partnership_id: pid,
      id: randomUUID(),
      meeting_id: meetingId,
      number: i + 1,
      asked_by: askedBy,
      question,
      answer,
      answered_by: answeredBy,
      answered_on: heldOn,
    })),
  );
  // The quarter after the meeting is the first reported on; it has ended, and its report was produced when due.
  const first = periodFrom(addMonths(twoQuartersAgo, 3), 'quarterly');
  const promisedId = randomUUID();
  await insertRows(tx, 'committee_resolution', [
    {
      partnership_id: pid,
      id: randomUUID(),
      meeting_id: meetingId,
      number: 1,
      text: 'That the Street Team (fictional) liaise with the school improvement team to make sure schools keep taking part, and monitor the impact of the work.',
      evidence_promised: 'A written update to the Panel’s next meeting',
      report_kind: null,
      cadence: null,
      first_period_start: null,
      next_due_on: null,
    },
    {
      partnership_id: pid,
      id: promisedId,
      meeting_id: meetingId,
      number: 2,
      text: 'That the Panel receive quarterly reports on the undertaking of the return home interviews.',
      evidence_promised: 'Quarterly reports on the undertaking of the return home interviews',
      report_kind: 'missing',
      cadence: 'quarterly',
      first_period_start: first.from,
      next_due_on: nextDueOn(first.from, 'quarterly', new Set([first.from])),
    },
  ]);
  const producedAt = new Date(Math.min(ukDayStart(dueOn(first)).getTime() + 6 * 3_600_000, anchor.getTime()));
  await insertRows(tx, 'committee_report', [
    {
      partnership_id: pid,
      id: randomUUID(),
      resolution_id: promisedId,
      kind: 'missing',
      period_from: first.from,
      period_to: first.to,
      figures: JSON.stringify(await headlineFigures(tx, pid, 'missing', first)),
      produced_at: producedAt,
      produced_by: null,
      produced_by_name: 'jigsaw scheduler',
    },
  ]);
}
