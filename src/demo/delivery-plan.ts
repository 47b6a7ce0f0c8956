// Fictional demo delivery plan for Northmoor, 2026-27: four priorities (Prevent, Protect, Pursue, Support), their
// objectives and ten actions with named leads, timescales, every status and RAG rating (two past their timescale),
// and dated progress. Every name is made up.
import { randomUUID } from 'node:crypto';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import '../modules/delivery-plan/schema.ts';
import { insertRows } from './store.ts';

const COUNCIL = 'Northmoor Borough Council (fictional)';
const POLICE = 'Northmoor Police (fictional)';
const HEALTH = 'Northmoor Health Trust (fictional)';
type Status = 'not_started' | 'in_progress' | 'completed' | 'outstanding';
type Action = {
  text: string;
  lead: string;
  org: string;
  /** Days from today the action is due (negative: past). */
  due: number;
  status: Status;
  rag: 'red' | 'amber' | 'green' | null;
  progress: [number, string][];
  /** Led by the demo coordinator, a Jigsaw user. */
  coordinator?: boolean;
};

const PLAN: { title: string; objectives: { text: string; actions: Action[] }[] }[] = [
  {
    title: 'Prevent',
    objectives: [
      {
        text: 'Children, parents and carers know the signs of exploitation and where to get help.',
        actions: [
          {
            text: 'Deliver exploitation awareness sessions in every Northmoor secondary school.',
            lead: 'Chris Demo-Teacher, Education Safeguarding Lead',
            org: COUNCIL,
            due: 60,
            status: 'in_progress',
            rag: 'green',
            progress: [[-20, 'Fictional: sessions held in four of the six schools; the other two are booked.']],
          },
          {
            text: 'Run a parents’ campaign on online grooming with the schools’ newsletters.',
            lead: 'Pat Demo-Comms, Communications Officer',
            org: COUNCIL,
            due: -15,
            status: 'outstanding',
            rag: 'red',
            progress: [[-40, 'Fictional: the campaign material is drafted but not yet signed off.']],
          },
        ],
      },
      {
        text: 'Licensed drivers and night-time economy staff spot and report concerns.',
        actions: [
          {
            text: 'Add exploitation awareness to the taxi driver licensing course.',
            lead: 'Chair of the Licensing Committee',
            org: COUNCIL,
            due: -90,
            status: 'completed',
            rag: 'green',
            progress: [[-100, 'Fictional: the module is part of every new driver’s course.']],
          },
        ],
      },
    ],
  },
  {
    title: 'Protect',
    objectives: [
      {
        text: 'Children at risk are identified early and their referrals screened the same day.',
        actions: [
          {
            text: 'Review the exploitation screening tool with the hub’s partner agencies.',
            lead: 'Sam Demo-Coordinator, Hub Coordinator',
            org: 'Northmoor Exploitation Hub (fictional)',
            due: 30,
            status: 'in_progress',
            rag: 'amber',
            progress: [[-10, 'Fictional: two workshops held; health and education comments awaited.']],
            coordinator: true,
          },
          {
            text: 'Every child missing three times in 90 days discussed at the Panel.',
            lead: 'Taylor Demo-Missing, Missing and Return Interviews Coordinator',
            org: COUNCIL,
            due: 120,
            status: 'not_started',
            rag: null,
            progress: [],
          },
        ],
      },
    ],
  },
  {
    title: 'Pursue',
    objectives: [
      {
        text: 'Adults who exploit children are disrupted and prosecuted.',
        actions: [
          {
            text: 'Report disruption activity against exploiters to the partnership each quarter.',
            lead: 'DI Demo-Disruption, Public Protection',
            org: POLICE,
            due: -5,
            status: 'in_progress',
            rag: 'amber',
            progress: [[-35, 'Fictional: the first quarterly report is in draft.']],
          },
          {
            text: 'Map the locations of concern with the community safety partnership.',
            lead: 'DS Demo-Analyst, Intelligence Unit',
            org: POLICE,
            due: 90,
            status: 'not_started',
            rag: 'green',
            progress: [],
          },
        ],
      },
    ],
  },
  {
    title: 'Support',
    objectives: [
      {
        text: 'Children who have been exploited and their families get timely help.',
        actions: [
          {
            text: 'Offer every child a return home interview within 72 hours.',
            lead: 'Taylor Demo-Missing, Missing and Return Interviews Coordinator',
            org: COUNCIL,
            due: -30,
            status: 'completed',
            rag: 'green',
            progress: [
              [-80, 'Fictional: the offer is tracked on every missing episode.'],
              [-35, 'Fictional: 94% of interviews offered in time over the quarter.'],
            ],
          },
          {
            text: 'Agree a therapeutic support pathway with the health trust.',
            lead: 'Dr Demo-Health, Designated Nurse',
            org: HEALTH,
            due: 45,
            status: 'outstanding',
            rag: 'red',
            progress: [[-15, 'Fictional: the commissioning decision has been deferred to the new year.']],
          },
          {
            text: 'Train foster carers on exploitation risks.',
            lead: 'Morgan Demo-Manager, Service Manager',
            org: 'Northmoor Children’s Social Care (fictional)',
            due: 75,
            status: 'in_progress',
            rag: 'green',
            progress: [[-5, 'Fictional: the first cohort of twelve carers has been trained.']],
          },
        ],
      },
    ],
  },
];

export async function seedDeliveryPlanDemo(tx: Db, pid: string, coordinator: { id: string; name: string }, anchor: Date): Promise<void> {
  const today = ukDate(anchor);
  const planId = randomUUID();
  await insertRows(tx, 'delivery_plan', [
    {
      partnership_id: pid,
      id: planId,
      name: 'Northmoor exploitation delivery plan 2026-27 (fictional)',
      period_from: '2026-04-01',
      period_to: '2027-03-31',
      created_by: coordinator.id,
      created_at: new Date(anchor.getTime() - 200 * 86_400_000),
    },
  ]);
  const priorities = PLAN.map((p, i) => ({ partnership_id: pid, id: randomUUID(), plan_id: planId, number: i + 1, title: p.title }));
  await insertRows(tx, 'delivery_priority', priorities);
  const objectives = PLAN.flatMap((p, i) =>
    p.objectives.map((o, j) => ({ row: { partnership_id: pid, id: randomUUID(), priority_id: priorities[i].id, number: j + 1, text: o.text }, o })),
  );
  await insertRows(
    tx,
    'delivery_objective',
    objectives.map((x) => x.row),
  );
  const actions = objectives.flatMap(({ row, o }) =>
    o.actions.map((a, k) => ({
      a,
      row: {
        partnership_id: pid,
        id: randomUUID(),
        plan_id: planId,
        objective_id: row.id,
        number: k + 1,
        text: a.text,
        lead_officer: a.lead,
        lead_organisation: a.org,
        lead_user_id: a.coordinator ? coordinator.id : null,
        due_on: addDays(today, a.due),
        status: a.status,
        rag: a.rag,
      },
    })),
  );
  await insertRows(
    tx,
    'delivery_action',
    actions.map((x) => x.row),
  );
  await insertRows(
    tx,
    'delivery_action_progress',
    actions.flatMap(({ a, row }) =>
      a.progress.map(([days, text]) => ({
        partnership_id: pid,
        id: randomUUID(),
        action_id: row.id,
        dated_on: addDays(today, days),
        text,
        author_user_id: coordinator.id,
        author_name: coordinator.name,
        created_at: new Date(anchor.getTime() + days * 86_400_000),
      })),
    ),
  );
}
