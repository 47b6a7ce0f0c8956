// /api/v1/actions: the action tracker: list with filters, get one with its history, create, update the status,
// reassign, cancel with a reason and undo the cancellation.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Uuid, withProblems } from '../../platform/http/schemas.ts';
import { cancelAction, reassignAction, reinstateAction, updateActionStatus } from './changes.ts';
import { ActionSchema, ActionsQuery, ActionWithHistorySchema, CancelBody, CreateActionInput, ReassignBody, StatusBody } from './schemas.ts';
import { actionSettings, EscalationBody, ManagerBody, setEscalationDays, setManager } from './settings.ts';
import { createAction, getAction, listActions } from './use-cases.ts';
import type { ActionView } from './view.ts';

const tags = ['actions'];
const Params = Type.Object({ id: Uuid });
const json = (a: ActionView) => ({ ...a, title: a.title });
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function actionsApi(api: FastifyInstance) {
  api.get(
    '/actions',
    {
      config: { useCases: [listActions] },
      schema: {
        tags,
        summary: 'Actions you may see',
        description:
          '`show`: all (default), mine (owned by you), agency (owned by your agency), overdue (open or in progress and past due). `status`: open, in_progress, done, cancelled or live (open or in progress). 50 a page, earliest due first.',
        querystring: ActionsQuery,
        response: withProblems({
          200: Type.Object({ items: Type.Array(ActionSchema), total: Type.Integer(), page: Type.Integer(), pages: Type.Integer(), pageSize: Type.Integer() }),
        }),
      },
    },
    async (req) => {
      const r = await req.run(listActions, req.query as object);
      return { ...r, items: r.items.map(json) };
    },
  );

  api.get(
    '/actions/:id',
    {
      config: { useCases: [getAction] },
      schema: {
        tags,
        summary: 'One action with the history of every change',
        params: Params,
        response: withProblems({ 200: ActionWithHistorySchema }, { 404: 'No such action' }),
      },
    },
    async (req) => {
      const a = await req.run(getAction, { id: id(req) });
      return { ...json(a), history: a.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })) };
    },
  );

  api.post(
    '/actions',
    {
      config: { useCases: [createAction] },
      schema: {
        tags,
        summary: 'Create an action',
        description: 'The owner (`ownerUserId`, if given) is told (`action.assigned`).',
        body: CreateActionInput,
        response: withProblems({ 201: ActionSchema }, { 422: 'The action is not valid (see errors)' }),
      },
    },
    async (req, reply) => reply.status(201).send(json(await req.run(createAction, req.body as never))),
  );

  api.post(
    '/actions/:id/status',
    {
      config: { useCases: [updateActionStatus] },
      schema: {
        tags,
        summary: 'Set an action open, in progress or done',
        description: 'Setting the status it already has changes nothing. A cancelled action is reinstated first (409).',
        params: Params,
        body: StatusBody,
        response: withProblems({ 200: ActionSchema }, { 404: 'No such action', 409: 'The action is cancelled' }),
      },
    },
    async (req) => json(await req.run(updateActionStatus, { ...(req.body as { status: 'open' }), id: id(req) })),
  );

  api.post(
    '/actions/:id/reassign',
    {
      config: { useCases: [reassignAction] },
      schema: {
        tags,
        summary: 'Give an action to another agency or person, or move its due date',
        params: Params,
        body: ReassignBody,
        response: withProblems({ 200: ActionSchema }, { 404: 'No such action', 422: 'The owner or date is not valid' }),
      },
    },
    async (req) => json(await req.run(reassignAction, { ...(req.body as { ownerAgencyId: string }), id: id(req) })),
  );

  api.post(
    '/actions/:id/cancel',
    {
      config: { useCases: [cancelAction] },
      schema: {
        tags,
        summary: 'Cancel an action, saying why',
        description: 'Cancelling it again changes nothing. Undo with /actions/{id}/undo.',
        params: Params,
        body: CancelBody,
        response: withProblems({ 200: ActionSchema }, { 404: 'No such action', 409: 'The action is done', 422: 'No reason given' }),
      },
    },
    async (req) => json(await req.run(cancelAction, { ...(req.body as { reason: string }), id: id(req) })),
  );

  api.post(
    '/actions/:id/undo',
    {
      config: { useCases: [reinstateAction] },
      schema: {
        tags,
        summary: 'Undo a cancellation: the action is open again',
        params: Params,
        response: withProblems({ 200: ActionSchema }, { 404: 'No such action' }),
      },
    },
    async (req) => json(await req.run(reinstateAction, { id: id(req) })),
  );

  const Settings = Type.Object({
    escalationDays: Type.Integer(),
    staff: Type.Array(Type.Object({ id: Uuid, name: Type.String(), agencyName: Type.String(), managerUserId: Type.Union([Uuid, Type.Null()]) })),
  });
  api.get(
    '/action-settings',
    {
      config: { useCases: [actionSettings] },
      schema: {
        tags,
        summary: 'Days overdue before an action escalates to its owner’s manager, and each person’s manager',
        response: withProblems({ 200: Settings }),
      },
    },
    async (req) => req.run(actionSettings, undefined),
  );
  api.post(
    '/action-settings',
    {
      config: { useCases: [setEscalationDays] },
      schema: {
        tags,
        summary: 'Set the days overdue before an action escalates',
        body: EscalationBody,
        response: withProblems({ 200: Type.Object({ escalationDays: Type.Integer() }) }, { 422: 'Not a whole number of days from 1 to 90' }),
      },
    },
    async (req) => ({ escalationDays: (await req.run(setEscalationDays, req.body as { escalationDays: number })).escalationDays }),
  );
  api.post(
    '/users/:id/manager',
    {
      config: { useCases: [setManager] },
      schema: {
        tags,
        summary: 'Name a person’s manager (overdue actions escalate to them); null for none',
        params: Params,
        body: ManagerBody,
        response: withProblems(
          { 200: Type.Object({ userId: Uuid, managerUserId: Type.Union([Uuid, Type.Null()]) }) },
          { 404: 'No such user', 422: 'Not a manager' },
        ),
      },
    },
    async (req) => {
      const r = await req.run(setManager, { ...(req.body as { managerUserId: string | null }), userId: id(req) });
      return { userId: r.userId, managerUserId: r.managerUserId };
    },
  );
}
