// /api/v1/retention: the schedule (partnership admin or information governance), the review queue, decisions on
// due records, and legal holds (information governance only).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { Enum, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { RECORD_TYPES } from './domain.ts';
import { DecisionBody, HoldBody, HoldSchema, QueueItemSchema, ScheduleBody, ScheduleEntrySchema } from './schemas.ts';
import { decideReview, getQueue, getSchedule, listHolds, placeHold, releaseHold, setSchedule } from './use-cases.ts';

const tags = ['retention'];
const Params = Type.Object({ id: Uuid });
const id = (req: { params: unknown }) => (req.params as { id: string }).id;

export function retentionApi(api: FastifyInstance) {
  api.get(
    '/retention/schedule',
    {
      config: { useCases: [getSchedule] },
      schema: {
        tags,
        summary: 'The retention schedule: each record type’s period, with its basis',
        response: withProblems({ 200: Type.Array(ScheduleEntrySchema) }),
      },
    },
    (req) => req.run(getSchedule, undefined),
  );

  api.put(
    '/retention/schedule/:recordType',
    {
      config: { useCases: [setSchedule] },
      schema: {
        tags,
        summary: 'Change one record type’s period',
        description: '`years` after the event (1–100); `untilAge`: kept at least until the person is this old (18–100), or null.',
        params: Type.Object({ recordType: Enum(RECORD_TYPES) }),
        body: ScheduleBody,
        response: withProblems({ 200: ScheduleEntrySchema }, { 422: 'The period is not valid (see errors)' }),
      },
    },
    async (req) => (await req.run(setSchedule, { ...(req.body as { years: number; untilAge: null }), ...(req.params as { recordType: 'closed_case' }) })).entry,
  );

  api.get(
    '/retention/queue',
    {
      config: { useCases: [getQueue] },
      schema: {
        tags,
        summary: 'Records due for review or deletion (not on hold), the longest overdue first',
        response: withProblems({ 200: Type.Object({ items: Type.Array(QueueItemSchema) }) }),
      },
    },
    async (req) => ({ items: (await req.run(getQueue, undefined)).items }),
  );

  api.post(
    '/retention/queue/:id/decision',
    {
      config: { useCases: [decideReview] },
      schema: {
        tags,
        summary: 'Approve (delete, or for a review-only type mark reviewed) or defer a due record, with a reason',
        params: Params,
        body: DecisionBody,
        response: withProblems(
          {
            200: Type.Object({
              id: Type.String(),
              outcome: Type.String(),
              deferredUntil: Type.Union([Type.String(), Type.Null()]),
              rowsDeleted: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]),
            }),
          },
          { 404: 'No such record for review', 409: 'Already decided, or under a legal hold', 422: 'The decision is not valid (see errors)' },
        ),
      },
    },
    async (req) => {
      const r = await req.run(decideReview, { ...(req.body as { decision: 'defer'; reason: string }), id: id(req) });
      return { id: r.id, outcome: r.outcome, deferredUntil: r.deferredUntil, rowsDeleted: r.rowsDeleted };
    },
  );

  api.get(
    '/retention/holds',
    { config: { useCases: [listHolds] }, schema: { tags, summary: 'Legal holds in force', response: withProblems({ 200: Type.Array(HoldSchema) }) } },
    (req) => req.run(listHolds, undefined),
  );

  api.post(
    '/retention/holds',
    {
      config: { useCases: [placeHold] },
      schema: {
        tags,
        summary: 'Place a legal hold on a person (everything about them) or one record',
        description: 'Give `personId`, or `recordType` and `recordId`. Held records are never listed as due and cannot be deleted.',
        body: HoldBody,
        response: withProblems({ 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) }, { 422: 'The hold is not valid (see errors)' }),
      },
    },
    async (req, reply) => reply.status(201).send({ id: (await req.run(placeHold, req.body as never)).id }),
  );

  api.post(
    '/retention/holds/:id/release',
    {
      config: { useCases: [releaseHold] },
      schema: { tags, summary: 'Release a legal hold', params: Params, response: withProblems({ 204: Type.Null() }, { 404: 'No such hold in force' }) },
    },
    async (req, reply) => {
      await req.run(releaseHold, { id: id(req) });
      return reply.status(204).send();
    },
  );
}
