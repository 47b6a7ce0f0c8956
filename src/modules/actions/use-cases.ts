// The action tracker (issue 12.4): one list of every action, whatever made it. Creating one (from triage, a meeting,
// a plan, a return home interview) is `createAction`, called by those modules inside their own use cases so the
// action and its `action.assigned` event are in the same transaction as what made it.
import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { type Actor, requireScope } from '../../platform/access/actor.ts';
import { mayChangeAction, mayReadAction, type PersonFacts } from '../../platform/access/rules.ts';
import { typed } from '../../platform/audit/typed.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { type UseCaseContext, useCase } from '../../platform/usecase/usecase.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { isLive } from './domain.ts';
import { ActionRef, ActionsQuery, CreateActionInput } from './schemas.ts';
import * as store from './store.ts';
import { actionView, historyView } from './view.ts';

export const PAGE_SIZE = 50;

/**
 * The action if the actor may see it: the whole partnership's for the hub, else those its agency owns; reading also
 * the actions of a child's plan the actor may read (mayReadAction). Anything else is "not found", never "forbidden".
 */
export async function actionInScope(db: Db, actor: Actor, id: string, action: 'read' | 'update', forUpdate = false) {
  const scope = requireScope(actor, 'action', action);
  const row = await store.actionById(db, actor.partnershipId, id, { forUpdate });
  if (!row) throw notFound('The action');
  if (scope === 'partnership' || row.owner_agency_id === actor.agencyId) return row;
  if (action === 'read' && row.person_id && mayReadAction(actor, { ownerAgencyId: row.owner_agency_id }, await planReaderFacts(db, actor, row.person_id)))
    return row;
  throw notFound('The action');
}

/** The facts the child's plan is read under, or null when the actor may not read the child at all. */
async function planReaderFacts(db: Db, actor: Actor, personId: string): Promise<PersonFacts | null> {
  try {
    return await caseFacts(db, actor, personId, { caseWorker: true });
  } catch (err) {
    if (err instanceof Problem && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

/** The owner named is one of the partnership's agencies, and the person (if any) works for it. */
export async function ownerErrors(db: Db, partnershipId: string, o: { ownerAgencyId: string; ownerUserId?: string }): Promise<FieldError[]> {
  if (!(await store.agencyExists(db, partnershipId, o.ownerAgencyId)))
    return [{ field: 'ownerAgencyId', message: 'Select the agency responsible for this action' }];
  if (o.ownerUserId) {
    const u = await store.activeUser(db, partnershipId, o.ownerUserId);
    if (!u || u.agency_id !== o.ownerAgencyId) return [{ field: 'ownerUserId', message: 'Select someone who works for the agency responsible' }];
  }
  return [];
}

/** Writes one action in the caller's transaction, after checking its owner and due date. */
async function addAction({ db, actor, now }: UseCaseContext, input: Static<typeof CreateActionInput>) {
  const errors = await ownerErrors(db, actor.partnershipId, input);
  if (input.dueOn < ukDate(now) && input.sourceKind !== 'triage') errors.push({ field: 'dueOn', message: 'Due date must be today or in the future' });
  if (errors.length) throw new ValidationProblem(errors);
  const id = randomUUID();
  await store.insertActions(db, [
    {
      partnership_id: actor.partnershipId,
      id,
      // Only triage actions have a decision and a referral (the columns are nullable since migration 017).
      decision_id: (input.sourceKind === 'triage' ? (input.sourceId ?? null) : null) as string,
      referral_id: (input.referralId ?? null) as string,
      source_kind: input.sourceKind,
      source_id: input.sourceId ?? null,
      person_id: input.personId ?? null,
      context: input.context?.trim() || null,
      plan_id: input.planId ?? null,
      description: input.title.trim(),
      owner_agency_id: input.ownerAgencyId,
      owner_user_id: input.ownerUserId ?? null,
      owner_name: input.ownerName?.trim() || null,
      due_date: input.dueOn,
      status_changed_at: null,
      status_changed_by: null,
      created_by: actor.userId,
      created_at: now,
    },
  ]);
  const row = await store.actionById(db, actor.partnershipId, id);
  if (!row) throw notFound('The action');
  return actionView(row, ukDate(now));
}

/** Creates one action in the tracker, written in the caller's transaction; `action.assigned` says who owns it. */
export const createAction = useCase({
  name: 'actions.create',
  permission: ['action', 'create'],
  input: CreateActionInput,
  run: addAction,
  audit: { change: 'action.assigned', subject: (a) => assignedSubject(a) },
});

/**
 * A return home interview's follow-up action, set by whoever records the interview (missing update: the return
 * interview officer need not create actions otherwise). The same action sent again (a second click) is not a second.
 */
export const createInterviewAction = useCase({
  name: 'actions.create_from_interview',
  permission: ['missing', 'update'],
  input: CreateActionInput,
  async run(ctx, input) {
    const same = await store.sameAction(ctx.db, ctx.actor.partnershipId, { ...input, sourceKind: 'return_interview' });
    if (same) return { ...actionView(same, ukDate(ctx.now)), created: false };
    return { ...(await addAction(ctx, { ...input, sourceKind: 'return_interview' })), created: true };
  },
  audit: { change: 'action.assigned', subject: (a) => (a.created ? assignedSubject(a) : null) },
});

export const assignedSubject = (a: {
  id: string;
  personId: string | null;
  ownerUserId: string | null;
  title: string;
  dueOn: string;
  ownerAgencyId: string;
  sourceKind: string;
}) => ({
  type: 'triage_action',
  id: a.id,
  personId: a.personId,
  details: { actionId: a.id, ownerUserId: a.ownerUserId, title: typed(a.title), dueOn: a.dueOn, ownerAgencyId: a.ownerAgencyId, sourceKind: a.sourceKind },
});

/** The tracker: all actions the actor may see, or theirs, their agency's, the overdue ones; by status; a page at a time. */
export const listActions = useCase({
  name: 'actions.list',
  permission: ['action', 'read'],
  input: ActionsQuery,
  async run({ db, actor, scope, now }, q) {
    const today = ukDate(now);
    const show = q.show ?? 'all';
    const page = q.page ?? 1;
    const statuses = q.status === 'live' || show === 'overdue' ? ['open', 'in_progress'] : q.status ? [q.status] : undefined;
    const { rows, total } = await store.listActions(db, actor.partnershipId, {
      ownerAgencyId: scope === 'partnership' && show !== 'agency' ? null : actor.agencyId,
      ownerUserId: show === 'mine' ? actor.userId : undefined,
      personId: q.personId,
      statuses,
      dueBefore: show === 'overdue' ? today : undefined,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    });
    return {
      items: rows.map((a) => actionView(a, today)),
      total,
      page,
      pageSize: PAGE_SIZE,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      show,
      status: q.status ?? null,
    };
  },
  audit: {
    read: 'triage_action.listed',
    subject: (r, q) => ({ type: 'triage_action', personId: q.personId ?? null, details: { ...q, count: r.items.length, total: r.total } }),
  },
});

/** One action with the history of every change to it. */
export const getAction = useCase({
  name: 'actions.get',
  permission: ['action', 'read'],
  input: ActionRef,
  async run({ db, actor, now }, { id }) {
    const row = await actionInScope(db, actor, id, 'read');
    const history = (await store.historyOf(db, actor.partnershipId, id)).map(historyView);
    const mayChange = mayChangeAction(actor, { ownerAgencyId: row.owner_agency_id });
    return { ...actionView(row, ukDate(now)), live: isLive(row.status), mayChange, history };
  },
  audit: { read: 'triage_action.viewed', subject: (a) => ({ type: 'triage_action', id: a.id, personId: a.personId }) },
});

/** The agencies and people an action may be given to (the reassign form's choices). */
export const ownerChoices = useCase({
  name: 'actions.owner_choices',
  permission: ['action', 'update'],
  input: undefined,
  async run({ db, actor }) {
    const o = await store.ownerOptions(db, actor.partnershipId);
    return { agencies: o.agencies, users: o.users.map((u) => ({ id: u.id, name: u.name, agencyId: u.agency_id })) };
  },
  audit: { none: 'reference data: agencies and staff names' },
});
