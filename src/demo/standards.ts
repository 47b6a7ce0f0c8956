// Fictional demo standards framework for Northmoor: twelve local standards in the manner of "See Me, Hear Me"
// (titles paraphrased and made up), three a quarter, started two quarters ago. Standards 1-6 are self-assessed with
// mixed ratings (standard 4's assessment put an action into the tracker); 7-9 are due this quarter: mid-cycle.
import { randomUUID } from 'node:crypto';
import { addMonths } from '../modules/standards/domain.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import '../modules/actions/schema.ts';
import '../modules/standards/schema.ts';
import { insertRows } from './store.ts';

const TITLES = [
  'Leaders share one picture of exploitation in Northmoor',
  'Children’s own words shape the partnership’s work',
  'Staff in every agency know the signs and how to refer',
  'Concerns are screened and triaged consistently and on time',
  'Each child has a multi-agency plan that is reviewed',
  'Every missing episode is followed by a return home interview',
  'Intelligence is shared and used to disrupt those who exploit',
  'Parents and carers are supported and involved',
  'Schools and colleges teach children about healthy relationships',
  'Children are supported through investigation and court',
  'Licensed premises and the night-time economy are engaged',
  'The partnership learns from reviews and audits',
];

type Assessment = { rating: 'met' | 'partly_met' | 'not_met'; summary: string; links: [string, string][]; action?: string };
const ASSESSED: Assessment[] = [
  {
    rating: 'met',
    summary: 'Fictional: the quarterly problem profile was shared with every agency and discussed at the board.',
    links: [['Triage report', '/reports/triage']],
  },
  {
    rating: 'partly_met',
    summary: 'Fictional: two young people spoke at the strategic meeting; their views are not yet recorded in the delivery plan.',
    links: [],
  },
  {
    rating: 'met',
    summary: 'Fictional: 94% of front-line staff completed the awareness course this year.',
    links: [['Training completions', '/training/reports']],
  },
  {
    rating: 'not_met',
    summary: 'Fictional: a dip sample found a third of referrals screened after the two working days the partnership promises.',
    links: [['Triage report for the quarter', '/reports/triage']],
    action: 'Fictional: review screening capacity at the hub and report to the next meeting',
  },
  { rating: 'partly_met', summary: 'Fictional: plans exist for every open case; a fifth were reviewed late.', links: [] },
  {
    rating: 'met',
    summary: 'Fictional: return home interviews were offered after every episode; most took place within three days.',
    links: [['Missing children report', '/reports/missing']],
  },
];

export async function seedStandardsDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  coordinator: { id: string; name: string },
  anchor: Date,
): Promise<void> {
  const today = ukDate(anchor);
  // Two quarters ago: this quarter is the third of the first cycle.
  const startsOn = addMonths(today, -6);
  const frameworkId = randomUUID();
  await insertRows(tx, 'standards_framework', [
    {
      partnership_id: pid,
      id: frameworkId,
      name: 'See Me, Hear Me local standards (fictional)',
      description:
        'Twelve local standards for tackling child exploitation, paraphrased for the demo. Three are on the agenda of the strategic exploitation meeting each quarter.',
      per_quarter: 3,
      starts_on: startsOn,
      created_by: coordinator.id,
      created_at: new Date(`${startsOn}T09:00:00Z`),
    },
  ]);
  const standards = TITLES.map((title, i) => ({ partnership_id: pid, id: randomUUID(), framework_id: frameworkId, number: i + 1, title, description: null }));
  await insertRows(tx, 'standard', standards);
  const assessments = ASSESSED.map((a, i) => {
    const quarterStartsOn = addMonths(startsOn, Math.floor(i / 3) * 3);
    const assessedOn = addDays(quarterStartsOn, 50 + i);
    return {
      partnership_id: pid,
      id: randomUUID(),
      standard_id: standards[i].id,
      quarter_starts_on: quarterStartsOn,
      rating: a.rating,
      evidence_summary: a.summary,
      assessed_on: assessedOn,
      author_user_id: coordinator.id,
      author_name: coordinator.name,
      created_at: new Date(`${assessedOn}T15:00:00Z`),
    };
  });
  await insertRows(tx, 'standard_assessment', assessments);
  await insertRows(
    tx,
    'standard_evidence_link',
    ASSESSED.flatMap((a, i) => a.links.map(([title, url], position) => ({ partnership_id: pid, assessment_id: assessments[i].id, position, title, url }))),
  );
  await insertRows(
    tx,
    'triage_action',
    ASSESSED.flatMap((a, i) =>
      a.action
        ? [
            {
              partnership_id: pid,
              id: randomUUID(),
              decision_id: null as unknown as string,
              referral_id: null as unknown as string,
              source_kind: 'standard',
              source_id: assessments[i].id,
              context: `Standard ${i + 1}, See Me, Hear Me local standards (fictional)`,
              plan_id: null,
              person_id: null,
              description: a.action,
              owner_agency_id: agencyIds.csc,
              owner_user_id: null,
              owner_name: null,
              due_date: addDays(today, 21),
              status: 'open',
              status_changed_at: null,
              status_changed_by: null,
              created_by: coordinator.id,
              created_at: new Date(`${assessments[i].assessed_on}T15:00:00Z`),
            },
          ]
        : [],
    ),
  );
}
