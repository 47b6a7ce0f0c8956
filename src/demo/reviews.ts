// Fictional demo reviews for Northmoor: a scrutiny review of child exploitation with recommendations in every status
// (not started, in progress, completed and signed off, outstanding with a request for an update not yet answered),
// RAG ratings and dated progress, and a mock JTAI with two recommendations. Every name is made up.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import '../modules/reviews/schema.ts';
import { insertRows } from './store.ts';

const COUNCIL = 'Northmoor Borough Council (fictional)';
type Rec = {
  text: string;
  lead: string;
  org: string;
  response: 'accepted' | 'partly_accepted' | 'not_accepted';
  status: 'not_started' | 'in_progress' | 'completed' | 'outstanding';
  rag: 'red' | 'amber' | 'green' | null;
  timescale: string;
  progress: [number, string][];
  signedOff?: boolean;
  /** Days from today the next update is due (negative: overdue). */
  nextDue?: number;
  /** An organisation asked for an update that has not come (as seed 003's "This has yet to be received"). */
  awaiting?: [number, string];
  /** The lead's Jigsaw account (a demo user's id): reminded of updates due, then their manager. */
  leadUserId?: string;
  /** Jigsaw's own figures as evidence: what they show, and the period in days from today. */
  evidence?: { title: string; kind: 'triage' | 'missing'; from: number; to: number };
};
/** Taylor Demo-Missing, the demo's missing coordinator (a demo user's id is its place in DEMO_USERS). */
const MISSING_COORDINATOR = '00000000-0000-4000-8000-000000000010';

const SCRUTINY: Rec[] = [
  {
    text: 'The Head of Safeguarding to produce a six-monthly newsletter on exploitation for all Northmoor councillors.',
    lead: 'Dee Demo-Safeguarding, Head of Safeguarding',
    org: COUNCIL,
    response: 'accepted',
    status: 'completed',
    rag: 'green',
    timescale: 'First edition within three months',
    progress: [
      [-200, 'Fictional: the first newsletter was shared with the review group in draft.'],
      [-120, 'Fictional: winter and summer editions published; the next is due in the spring.'],
    ],
    signedOff: true,
  },
  {
    text: 'The partnership to review how return home interviews are offered to children placed in Northmoor by other authorities.',
    lead: 'Taylor Demo-Missing, Missing and Return Interviews Coordinator',
    org: COUNCIL,
    response: 'accepted',
    status: 'in_progress',
    rag: 'amber',
    timescale: 'Report to the partnership board in six months',
    progress: [[-45, 'Fictional: placing authorities contacted; four of nine have replied.']],
    nextDue: 30,
    leadUserId: MISSING_COORDINATOR,
    evidence: { title: 'Return home interviews offered and completed in the last quarter', kind: 'missing', from: -91, to: -1 },
  },
  {
    text: 'Northmoor Police (fictional) to report quarterly on disruption activity against adults who exploit children.',
    lead: 'DI Demo-Disruption, Public Protection',
    org: 'Northmoor Police (fictional)',
    response: 'partly_accepted',
    status: 'outstanding',
    rag: 'red',
    timescale: 'Quarterly from April',
    progress: [
      [-90, 'Fictional: the first quarterly report was deferred pending a restructure.'],
      [-20, 'Fictional: the Head of Safeguarding wrote to the police for an update. This has yet to be received.'],
    ],
    nextDue: -5,
    awaiting: [-20, 'Northmoor Police (fictional)'],
  },
  {
    text: 'The Licensing Committee to consider safeguarding contact information in every licensed taxi.',
    lead: 'Chair of the Licensing Committee',
    org: COUNCIL,
    response: 'accepted',
    status: 'not_started',
    rag: null,
    timescale: 'By the next licensing year',
    progress: [],
  },
  {
    text: 'Schools to be offered exploitation awareness sessions for governors every term.',
    lead: 'Chris Demo-Teacher, Designated Safeguarding Lead',
    org: 'Northmoor Academy (fictional)',
    response: 'accepted',
    status: 'in_progress',
    rag: 'green',
    timescale: 'Each term',
    progress: [[-30, 'Fictional: two sessions held; 31 governors attended.']],
  },
  {
    text: 'A standing item on exploitation at every Health and Wellbeing Board meeting.',
    lead: 'Director of Public Health',
    org: COUNCIL,
    response: 'not_accepted',
    status: 'not_started',
    rag: null,
    timescale: 'Not applicable',
    progress: [[-150, 'Fictional: the board prefers an annual report; the scrutiny panel will be told why.']],
  },
];

const JTAI: Rec[] = [
  {
    text: 'Assessments and plans to be reviewed when new intelligence about a child is received.',
    lead: 'Morgan Demo-Manager, Service Manager',
    org: 'Northmoor Children’s Social Care (fictional)',
    response: 'accepted',
    status: 'in_progress',
    rag: 'amber',
    timescale: 'Audit again in three months',
    progress: [[-10, 'Fictional: a themed audit of twelve cases is under way.']],
  },
  {
    text: 'The hub to record the reasons for each triage decision in every case.',
    lead: 'Sam Demo-Coordinator, Hub Coordinator',
    org: 'Northmoor Exploitation Hub (fictional)',
    response: 'accepted',
    status: 'completed',
    rag: 'green',
    timescale: 'Immediately',
    progress: [[-60, 'Fictional: the triage form now requires a rationale.']],
  },
];

export async function seedReviewsDemo(tx: Db, pid: string, coordinator: { id: string; name: string }, anchor: Date): Promise<void> {
  const today = ukDate(anchor);
  for (const [name, kind, recs, age] of [
    ['Scrutiny review of child exploitation in Northmoor (fictional)', 'scrutiny_review', SCRUTINY, 240],
    ['Mock joint targeted area inspection (fictional)', 'inspection', JTAI, 90],
  ] as const) {
    const reviewId = randomUUID();
    await insertRows(tx, 'review', [
      {
        partnership_id: pid,
        id: reviewId,
        name,
        kind,
        created_by: coordinator.id,
        created_at: new Date(anchor.getTime() - age * 86_400_000),
        // The scrutiny review's recommendations are due an update each quarter.
        update_cadence: kind === 'scrutiny_review' ? 'quarterly' : null,
      },
    ]);
    const rows = recs.map((r, i) => ({
      partnership_id: pid,
      id: randomUUID(),
      review_id: reviewId,
      number: i + 1,
      text: r.text,
      addressee: null,
      lead_officer: r.lead,
      lead_organisation: r.org,
      response: r.response,
      response_comment: null,
      timescale: r.timescale,
      status: r.status,
      rag: r.rag,
      next_update_due: r.nextDue === undefined ? null : addDays(today, r.nextDue),
      lead_user_id: r.leadUserId ?? null,
      ...(r.signedOff
        ? {
            signed_off_by: coordinator.id,
            signed_off_name: coordinator.name,
            signed_off_role: 'Hub coordinator',
            signed_off_at: new Date(anchor.getTime() - 100 * 86_400_000),
          }
        : {}),
    }));
    await insertRows(tx, 'recommendation', rows);
    await insertRows(
      tx,
      'recommendation_progress',
      recs.flatMap((r, i) =>
        r.progress.map(([days, text]) => ({
          partnership_id: pid,
          id: randomUUID(),
          recommendation_id: rows[i].id,
          dated_on: addDays(today, days),
          text,
          author_user_id: coordinator.id,
          author_name: coordinator.name,
          created_at: new Date(anchor.getTime() + days * 86_400_000),
        })),
      ),
    );
    await insertRows(
      tx,
      'recommendation_evidence',
      recs.flatMap((r, i) =>
        r.evidence
          ? [
              {
                partnership_id: pid,
                id: randomUUID(),
                recommendation_id: rows[i].id,
                kind: 'report' as const,
                title: r.evidence.title,
                report_kind: r.evidence.kind,
                period_from: addDays(today, r.evidence.from),
                period_to: addDays(today, r.evidence.to),
                added_by: coordinator.id,
                added_by_name: coordinator.name,
              },
            ]
          : [],
      ),
    );
    await insertRows(
      tx,
      'recommendation_update_request',
      recs.flatMap((r, i) =>
        r.awaiting
          ? [
              {
                partnership_id: pid,
                id: randomUUID(),
                recommendation_id: rows[i].id,
                requested_of: r.awaiting[1],
                requested_on: addDays(today, r.awaiting[0]),
                requested_by: coordinator.id,
                requested_by_name: coordinator.name,
              },
            ]
          : [],
      ),
    );
  }
}
