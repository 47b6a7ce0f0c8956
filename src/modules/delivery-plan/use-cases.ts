// The delivery plan (issue 13 point 6): list plans with their summaries, create one (priorities, objectives and
// actions nested), read one, add a priority, an objective or an action, add a dated progress update to an action
// (it may move the status or RAG), and make an action in the one tracker from a plan action. A plan names officers
// and organisations, never a child, so reads are not person-level; every change is audited with its domain event.
import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { type ActionStatus, meaningErrors, type Rag, reference, summarise } from './domain.ts';
import {
  ActionProgressInput,
  AddObjectiveInput,
  AddPlanActionInput,
  AddPriorityInput,
  CreatePlanInput,
  PlanActionRef,
  PlanRef,
  SpawnTrackerActionInput,
} from './schemas.ts';
import * as store from './store.ts';
import { findAction, type PlanView, planView } from './view.ts';

const NO_PERSON = 'a delivery plan names officers and organisations, never a child';

async function readPlan(db: Db, partnershipId: string, id: string, today: string): Promise<PlanView> {
  const plan = await store.planById(db, partnershipId, id);
  if (!plan) throw notFound('The delivery plan');
  const [priorities, actions] = await Promise.all([store.prioritiesOf(db, partnershipId, [id]), store.actionsOf(db, partnershipId, [id])]);
  const ids = actions.map((a) => a.id);
  const [objectives, progress, tracker] = await Promise.all([
    store.objectivesOf(
      db,
      partnershipId,
      priorities.map((p) => p.id),
    ),
    store.progressOf(db, partnershipId, ids),
    store.trackerActionsFor(db, partnershipId, ids),
  ]);
  return planView(
    {
      plan,
      priorities,
      objectives,
      actions,
      progress,
      tracker: tracker.map((t) => ({
        sourceId: t.source_id ?? '',
        id: t.id,
        title: t.description,
        status: t.status,
        dueOn: t.due_date,
        ownerAgencyName: t.owner_agency_name,
      })),
    },
    today,
  );
}

export const listPlans = useCase({
  name: 'delivery_plans.list',
  permission: ['review', 'read'],
  input: undefined,
  async run({ db, actor, now }) {
    const plans = await store.listPlans(db, actor.partnershipId);
    const ids = plans.map((p) => p.id);
    const [priorities, actions] = await Promise.all([store.prioritiesOf(db, actor.partnershipId, ids), store.actionsOf(db, actor.partnershipId, ids)]);
    const objectivePriority = new Map<string, string>();
    for (const o of await store.objectivesOf(
      db,
      actor.partnershipId,
      priorities.map((p) => p.id),
    ))
      objectivePriority.set(o.id, o.priority_id);
    const today = ukDate(now);
    return plans.map((plan) => ({
      id: plan.id,
      name: plan.name,
      from: plan.period_from,
      to: plan.period_to,
      summary: summarise(
        priorities
          .filter((p) => p.plan_id === plan.id)
          .map((p) => ({
            number: p.number,
            title: p.title,
            actions: actions
              .filter((a) => objectivePriority.get(a.objective_id) === p.id)
              .map((a) => ({ status: a.status as ActionStatus, rag: a.rag as Rag | null, dueOn: a.due_on })),
          })),
        today,
      ),
    }));
  },
  audit: { none: NO_PERSON },
});

export const getPlan = useCase({
  name: 'delivery_plans.get',
  permission: ['review', 'read'],
  input: PlanRef,
  run: ({ db, actor, now }, { id }) => readPlan(db, actor.partnershipId, id, ukDate(now)),
  audit: { none: NO_PERSON },
});

export const getPlanAction = useCase({
  name: 'delivery_plans.action',
  permission: ['review', 'read'],
  input: PlanActionRef,
  async run({ db, actor, now }, { id, actionId }) {
    const plan = await readPlan(db, actor.partnershipId, id, ukDate(now));
    const found = findAction(plan, actionId);
    if (!found) throw notFound('The plan action');
    return { plan: { id: plan.id, name: plan.name }, ...found };
  },
  audit: { none: NO_PERSON },
});

/** Staff who may be named as an action's lead (names only). */
export const leadChoices = useCase({
  name: 'delivery_plans.lead_choices',
  permission: ['review', 'update'],
  input: undefined,
  run: ({ db, actor }) => store.staff(db, actor.partnershipId),
  audit: { none: 'reference data: staff names' },
});

type ActionFields = Omit<Static<typeof AddPlanActionInput>, 'id' | 'objectiveId'>;

/** A lead user must be one of the partnership's staff; `at` is where the field sits ("priorities[0]...", or ""). */
async function leadErrors(db: Db, partnershipId: string, actions: { at: string; a: ActionFields }[]): Promise<FieldError[]> {
  const known = await store.staffIds(db, partnershipId, [...new Set(actions.flatMap(({ a }) => (a.leadUserId ? [a.leadUserId] : [])))]);
  return actions.flatMap(({ at, a }) =>
    a.leadUserId && !known.has(a.leadUserId) ? [{ field: `${at}leadUserId`, message: 'Choose a member of staff from the list' }] : [],
  );
}

const actionErrors = (at: string, a: ActionFields) =>
  meaningErrors(
    [
      [`${at}text`, a.text, 'Enter the action'],
      [`${at}leadOfficer`, a.leadOfficer, 'Enter the lead officer'],
      [`${at}leadOrganisation`, a.leadOrganisation, 'Enter the lead organisation'],
    ],
    [[`${at}dueOn`, a.dueOn]],
  );

const actionRow = (partnershipId: string, planId: string, objectiveId: string, number: number, a: ActionFields, now: Date) => ({
  partnership_id: partnershipId,
  id: randomUUID(),
  plan_id: planId,
  objective_id: objectiveId,
  number,
  text: a.text.trim(),
  lead_officer: a.leadOfficer.trim(),
  lead_organisation: a.leadOrganisation.trim(),
  lead_user_id: a.leadUserId ?? null,
  due_on: a.dueOn,
  status: a.status ?? 'not_started',
  rag: a.rag ?? null,
  created_at: now,
});

export const createPlan = useCase({
  name: 'delivery_plans.create',
  permission: ['review', 'create'],
  input: CreatePlanInput,
  async run({ db, actor, now }, input) {
    const pid = actor.partnershipId;
    const name = input.name.trim();
    const priorities = input.priorities ?? [];
    const errors: FieldError[] = meaningErrors(
      [['name', input.name, 'Enter the name of the plan']],
      [
        ['from', input.from],
        ['to', input.to],
      ],
    );
    if (name && (await store.planNamed(db, pid, name)))
      errors.push({ field: 'name', message: 'A delivery plan with this name already exists: choose another name' });
    for (const [i, p] of priorities.entries()) {
      errors.push(...meaningErrors([[`priorities[${i}].title`, p.title, 'Enter the priority']], []));
      for (const [j, o] of (p.objectives ?? []).entries()) {
        errors.push(...meaningErrors([[`priorities[${i}].objectives[${j}].text`, o.text, 'Enter the objective']], []));
        for (const [k, a] of (o.actions ?? []).entries()) errors.push(...actionErrors(`priorities[${i}].objectives[${j}].actions[${k}].`, a));
      }
    }
    if (input.to < input.from) errors.push({ field: 'to', message: 'The end of the plan’s period must be on or after its start' });
    errors.push(
      ...(await leadErrors(
        db,
        pid,
        priorities.flatMap((p, i) =>
          (p.objectives ?? []).flatMap((o, j) => (o.actions ?? []).map((a, k) => ({ at: `priorities[${i}].objectives[${j}].actions[${k}].`, a }))),
        ),
      )),
    );
    if (errors.length) throw new ValidationProblem(errors);
    const id = randomUUID();
    await store.insertPlan(db, { partnership_id: pid, id, name, period_from: input.from, period_to: input.to, created_by: actor.userId, created_at: now });
    const pRows = priorities.map((p, i) => ({ partnership_id: pid, id: randomUUID(), plan_id: id, number: i + 1, title: p.title.trim() }));
    const oRows = priorities.flatMap((p, i) =>
      (p.objectives ?? []).map((o, j) => ({
        partnership_id: pid,
        id: randomUUID(),
        priority_id: pRows[i].id,
        number: j + 1,
        text: o.text.trim(),
        actions: o.actions ?? [],
      })),
    );
    await store.insertPriorities(db, pRows);
    await store.insertObjectives(
      db,
      oRows.map(({ actions: _, ...o }) => o),
    );
    await store.insertActions(
      db,
      oRows.flatMap((o) => o.actions.map((a, k) => actionRow(pid, id, o.id, k + 1, a, now))),
    );
    return readPlan(db, pid, id, ukDate(now));
  },
  audit: {
    change: 'delivery_plan.created',
    subject: (p) => ({
      type: 'delivery_plan',
      id: p.id,
      details: { name: p.name, from: p.from, to: p.to, priorities: p.priorities.length, actions: p.summary.total },
    }),
  },
});

async function planFor(db: Db, partnershipId: string, id: string) {
  const plan = await store.lockPlan(db, partnershipId, id);
  if (!plan) throw notFound('The delivery plan');
  return plan;
}

export const addPriority = useCase({
  name: 'delivery_plans.add_priority',
  permission: ['review', 'update'],
  input: AddPriorityInput,
  async run({ db, actor }, input) {
    await planFor(db, actor.partnershipId, input.id);
    const blank = meaningErrors([['title', input.title, 'Enter the priority']], []);
    if (blank.length) throw new ValidationProblem(blank);
    const number = await store.nextNumber(db, actor.partnershipId, 'priority', input.id);
    const priorityId = randomUUID();
    await store.insertPriorities(db, [{ partnership_id: actor.partnershipId, id: priorityId, plan_id: input.id, number, title: input.title.trim() }]);
    return { planId: input.id, priorityId, number, title: input.title.trim() };
  },
  audit: { change: 'delivery_plan.priority_added', subject: (r) => ({ type: 'delivery_plan', id: r.planId, details: r }) },
});

export const addObjective = useCase({
  name: 'delivery_plans.add_objective',
  permission: ['review', 'update'],
  input: AddObjectiveInput,
  async run({ db, actor }, input) {
    await planFor(db, actor.partnershipId, input.id);
    const priority = await store.priorityById(db, actor.partnershipId, input.id, input.priorityId);
    const errors = [
      ...(priority ? [] : [{ field: 'priorityId', message: 'Select the priority' }]),
      ...meaningErrors([['text', input.text, 'Enter the objective']], []),
    ];
    if (errors.length || !priority) throw new ValidationProblem(errors);
    const number = await store.nextNumber(db, actor.partnershipId, 'objective', priority.id);
    const objectiveId = randomUUID();
    await store.insertObjectives(db, [{ partnership_id: actor.partnershipId, id: objectiveId, priority_id: priority.id, number, text: input.text.trim() }]);
    return { planId: input.id, objectiveId, ref: reference(priority.number, number) };
  },
  audit: { change: 'delivery_plan.objective_added', subject: (r) => ({ type: 'delivery_plan', id: r.planId, details: r }) },
});

export const addPlanAction = useCase({
  name: 'delivery_plans.add_action',
  permission: ['review', 'update'],
  input: AddPlanActionInput,
  async run({ db, actor, now }, { id, objectiveId, ...fields }) {
    await planFor(db, actor.partnershipId, id);
    const objective = await store.objectiveInPlan(db, actor.partnershipId, id, objectiveId);
    const errors = [
      ...(objective ? [] : [{ field: 'objectiveId', message: 'Select the objective' }]),
      ...actionErrors('', fields),
      ...(await leadErrors(db, actor.partnershipId, [{ at: '', a: fields }])),
    ];
    if (errors.length || !objective) throw new ValidationProblem(errors);
    const number = await store.nextNumber(db, actor.partnershipId, 'action', objective.id);
    const row = actionRow(actor.partnershipId, id, objective.id, number, fields, now);
    await store.insertActions(db, [row]);
    return {
      planId: id,
      actionId: row.id,
      ref: reference(objective.priority_number, objective.number, number),
      dueOn: row.due_on,
      status: row.status,
      rag: row.rag,
    };
  },
  audit: { change: 'delivery_plan.action_added', subject: (r) => ({ type: 'delivery_action', id: r.actionId, details: r }) },
});

/** A dated progress update by the signed-in person; it may move the status or the RAG rating. */
export const addActionProgress = useCase({
  name: 'delivery_plans.add_progress',
  permission: ['review', 'update'],
  input: ActionProgressInput,
  async run({ db, actor, now }, input) {
    await planFor(db, actor.partnershipId, input.id);
    const a = await store.actionById(db, actor.partnershipId, input.id, input.actionId);
    if (!a) throw notFound('The plan action');
    const today = ukDate(now);
    const errors = meaningErrors([['text', input.text, 'Enter the progress made']], [['datedOn', input.datedOn]]);
    if (input.datedOn && input.datedOn > today) errors.push({ field: 'datedOn', message: 'The date must be today or in the past' });
    if (errors.length) throw new ValidationProblem(errors);
    const progressId = randomUUID();
    await store.insertProgress(db, {
      partnership_id: actor.partnershipId,
      id: progressId,
      action_id: a.id,
      dated_on: input.datedOn ?? today,
      text: input.text.trim(),
      author_user_id: actor.userId,
      author_name: actor.name,
      created_at: now,
    });
    const set: { status?: string; rag?: string } = {};
    if (input.status && input.status !== a.status) set.status = input.status;
    if (input.rag && input.rag !== a.rag) set.rag = input.rag;
    if (Object.keys(set).length) await store.updateAction(db, actor.partnershipId, a.id, set);
    const found = findAction(await readPlan(db, actor.partnershipId, input.id, today), a.id);
    if (!found) throw notFound('The plan action');
    return { planId: input.id, progressId, from: { status: a.status, rag: a.rag }, ...found.action };
  },
  audit: {
    change: 'delivery_plan.progress_added',
    subject: (r) => ({
      type: 'delivery_action',
      id: r.id,
      details: { planId: r.planId, ref: r.ref, progressId: r.progressId, from: r.from, status: r.status, rag: r.rag },
    }),
  },
});

/** An action in the one tracker made from a plan action (source 'delivery_plan'); the tracker audits its own. */
export const spawnTrackerAction = useCase({
  name: 'delivery_plans.spawn_action',
  permission: ['review', 'manage'],
  input: SpawnTrackerActionInput,
  async run({ db, actor, call, now }, input) {
    const plan = await planFor(db, actor.partnershipId, input.id);
    const a = await store.actionById(db, actor.partnershipId, input.id, input.actionId);
    if (!a) throw notFound('The plan action');
    const errors = meaningErrors([['title', input.title, 'Enter what needs to be done']], [['dueOn', input.dueOn]]);
    if (errors.length) throw new ValidationProblem(errors);
    const ref = findAction(await readPlan(db, actor.partnershipId, input.id, ukDate(now)), a.id)?.action.ref ?? String(a.number);
    const action = await call(createAction, {
      sourceKind: 'delivery_plan',
      sourceId: a.id,
      context: `Delivery plan action ${ref}, ${plan.name}`.slice(0, 200),
      title: input.title,
      ownerAgencyId: input.ownerAgencyId,
      dueOn: input.dueOn,
    });
    return { planId: plan.id, planActionId: a.id, ref, actionId: action.id, title: action.title, dueOn: action.dueOn };
  },
  audit: {
    change: 'delivery_plan.action_spawned',
    subject: (r) => ({ type: 'delivery_action', id: r.planActionId, details: { planId: r.planId, ref: r.ref, actionId: r.actionId, dueOn: r.dueOn } }),
  },
});
