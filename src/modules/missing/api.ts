// /api/v1 for missing children: episodes, return home interviews, the due list and the quarterly report.
// Access is checked before the body is parsed (preValidation), so a role without the right gets 403, not 400.
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { requireScope } from '../../platform/access/actor.ts';
import type { Action, Resource } from '../../platform/access/policy.ts';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { CLASSIFICATIONS, DECLINE_REASONS, POLICE_RISK_GRADES } from './domain.ts';
import type { DueItemView, EpisodeView } from './service.ts';

const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateTime = (description: string) => Type.String({ format: 'date-time', description });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Text = (max: number) => Nullable(Type.String({ maxLength: max }));

const EpisodeFields = {
  classification: oneOf(CLASSIFICATIONS),
  riskGrade: oneOf(POLICE_RISK_GRADES),
  reportedAt: DateTime('When the child was reported missing (ISO 8601 with offset or Z)'),
  lastSeenAt: Type.Optional(Nullable(DateTime('When the child was last seen'))),
  lastSeenPlace: Type.Optional(Text(500)),
  returnedAt: Type.Optional(Nullable(DateTime('When the child returned or was found; starts the 72-hour clock'))),
  foundPlace: Type.Optional(Text(500)),
  policeReference: Type.Optional(Text(100)),
  lookedAfter: Type.Optional(Type.Boolean()),
  responsibleAuthority: Type.Optional(Text(200)),
  placedByOtherLa: Type.Optional(Type.Boolean({ description: 'Defaults to what the person record says' })),
  placingAuthority: Type.Optional(Text(200)),
};

const EpisodeBody = Type.Object({ personId: Uuid, ...EpisodeFields }, { additionalProperties: false });
const EpisodePatch = Type.Partial(Type.Object(EpisodeFields), { additionalProperties: false, minProperties: 1 });

const InterviewBody = Type.Object(
  {
    status: oneOf(['offered', 'completed', 'declined']),
    offeredAt: Type.Optional(Nullable(DateTime('When the interview was offered'))),
    offeredBy: Type.Optional(Text(200)),
    completedAt: Type.Optional(Nullable(DateTime('When the interview took place'))),
    completedBy: Type.Optional(Text(200)),
    declinedAt: Type.Optional(Nullable(DateTime('When it was declined; defaults to now'))),
    declinedReason: Type.Optional(Nullable(oneOf(DECLINE_REASONS))),
    declinedReasonDetail: Type.Optional(Text(2000)),
    whereWent: Type.Optional(Text(10000)),
    whoWith: Type.Optional(Text(10000)),
    travel: Type.Optional(Text(10000)),
    pushFactors: Type.Optional(Text(10000)),
    pullFactors: Type.Optional(Text(10000)),
    disclosures: Type.Optional(Text(10000)),
    nextSteps: Type.Optional(Text(10000)),
  },
  {
    additionalProperties: false,
    description:
      'Fields not sent keep their recorded values. `offered` withdraws any completion or decline; `completed` keeps an earlier decline (the child took it up later); `declined` needs `declinedReason`.',
  },
);

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const NDateTime = Nullable(Type.String({ format: 'date-time' }));
const NString = Nullable(Type.String());

const InterviewSchema = Type.Object({
  status: Type.String(),
  offeredAt: NDateTime,
  offeredBy: NString,
  completedAt: NDateTime,
  completedBy: NString,
  declinedAt: NDateTime,
  declinedReason: NString,
  declinedReasonDetail: NString,
  whereWent: NString,
  whoWith: NString,
  travel: NString,
  pushFactors: NString,
  pullFactors: NString,
  disclosures: NString,
  nextSteps: NString,
  referralId: NString,
  takenUpLater: Type.Boolean(),
});

export const EpisodeSchema = Type.Object(
  {
    id: Uuid,
    personId: Uuid,
    classification: Type.String(),
    riskGrade: Type.String(),
    reportedAt: Type.String({ format: 'date-time' }),
    lastSeenAt: NDateTime,
    lastSeenPlace: NString,
    returnedAt: NDateTime,
    foundPlace: NString,
    policeReference: NString,
    lookedAfter: Type.Boolean(),
    responsibleAuthority: NString,
    placedByOtherLa: Type.Boolean(),
    placingAuthority: NString,
    durationMinutes: Type.Union([Type.Integer(), Type.Null()]),
    dueBy: Type.Union([Type.String({ format: 'date-time', description: '72 hours after the return' }), Type.Null()]),
    interviewStatus: Type.String({ description: 'not_due, due, due_soon, overdue, completed_in_time, completed_late or declined' }),
    interview: Type.Union([InterviewSchema, Type.Null()]),
    repeatMissing: Type.Optional(Type.Boolean({ description: 'On create: this episode met the repeat-missing rule and the hub was alerted' })),
  },
  { $id: 'MissingEpisode' },
);

export function episodeJson(e: EpisodeView) {
  return {
    id: e.id,
    personId: e.personId,
    classification: e.classification,
    riskGrade: e.riskGrade,
    reportedAt: e.reportedAt.toISOString(),
    lastSeenAt: iso(e.lastSeenAt),
    lastSeenPlace: e.lastSeenPlace,
    returnedAt: iso(e.returnedAt),
    foundPlace: e.foundPlace,
    policeReference: e.policeReference,
    lookedAfter: e.lookedAfter,
    responsibleAuthority: e.responsibleAuthority,
    placedByOtherLa: e.placedByOtherLa,
    placingAuthority: e.placingAuthority,
    durationMinutes: e.returnedAt ? Math.floor((e.returnedAt.getTime() - e.reportedAt.getTime()) / 60_000) : null,
    dueBy: iso(e.dueBy),
    interviewStatus: e.interviewStatus,
    interview: e.interview
      ? {
          status: e.interview.status,
          offeredAt: iso(e.interview.offeredAt),
          offeredBy: e.interview.offeredBy,
          completedAt: iso(e.interview.completedAt),
          completedBy: e.interview.completedBy,
          declinedAt: iso(e.interview.declinedAt),
          declinedReason: e.interview.declinedReason,
          declinedReasonDetail: e.interview.declinedReasonDetail,
          whereWent: e.interview.whereWent,
          whoWith: e.interview.whoWith,
          travel: e.interview.travel,
          pushFactors: e.interview.pushFactors,
          pullFactors: e.interview.pullFactors,
          disclosures: e.interview.disclosures,
          nextSteps: e.interview.nextSteps,
          referralId: e.interview.referralId,
          takenUpLater: e.interview.takenUpLater,
        }
      : null,
  };
}

const DueItemSchema = Type.Object({
  episodeId: Uuid,
  personId: Uuid,
  returnedAt: Type.String({ format: 'date-time' }),
  dueBy: Type.String({ format: 'date-time' }),
  overdue: Type.Boolean(),
  status: Type.String({ description: 'due, due_soon or overdue' }),
  offeredAt: NDateTime,
});
const dueJson = (d: DueItemView) => ({
  episodeId: d.episodeId,
  personId: d.personId,
  returnedAt: d.returnedAt.toISOString(),
  dueBy: d.dueBy.toISOString(),
  overdue: d.overdue,
  status: d.status,
  offeredAt: iso(d.offeredAt),
});

const Pct = Type.Union([Type.Number(), Type.Null()], { description: 'Percentage to 1 decimal place; null when nothing to divide by' });
const ReportSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  episodes: Type.Integer(),
  children: Type.Integer(),
  episodesReturned: Type.Integer(),
  interviewsOffered: Type.Integer(),
  offeredPct: Pct,
  interviewsCompleted: Type.Integer(),
  completedPct: Pct,
  completedWithin72Hours: Type.Integer(),
  completedWithin72HoursPct: Pct,
  declined: Type.Record(Type.String(), Type.Integer()),
  declinedTotal: Type.Integer(),
  repeatMissingChildren: Type.Integer(),
  repeatMissingRule: Type.Object({ episodes: Type.Integer(), withinDays: Type.Integer() }),
});

/** Default deny before the body is even parsed. */
const guard = (resource: Resource, action: Action) => async (req: FastifyRequest) => {
  requireScope(req.actor!, resource, action);
};

export function missingApi(api: FastifyInstance, svc: Services) {
  api.post(
    '/missing-episodes',
    {
      preValidation: guard('missing', 'create'),
      schema: {
        tags: ['missing'],
        summary: 'Record a missing episode',
        description:
          'Send an `Idempotency-Key` header to make retries safe. When the episode meets the partnership’s repeat-missing rule, the hub is alerted and `repeatMissing` is true.',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        body: EpisodeBody,
        response: withProblems({ 201: EpisodeSchema, 200: EpisodeSchema }, { 422: 'The episode is not valid, or the person is unknown: see errors' }),
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const { episode, created, repeatMissing } = await svc.missing.createEpisode(req.actor!, req.body as Record<string, unknown>, key ? `api:${key}` : undefined);
      return reply
        .status(created ? 201 : 200)
        .header('location', `/api/v1/missing-episodes/${episode.id}`)
        .send({ ...episodeJson(episode), repeatMissing });
    },
  );

  api.get(
    '/missing-episodes/:id',
    {
      preValidation: guard('missing', 'read'),
      schema: { tags: ['missing'], summary: 'One missing episode', params: Type.Object({ id: Uuid }), response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode' }) },
    },
    async (req) => episodeJson(await svc.missing.getEpisode(req.actor!, (req.params as { id: string }).id)),
  );

  api.patch(
    '/missing-episodes/:id',
    {
      preValidation: guard('missing', 'update'),
      schema: {
        tags: ['missing'],
        summary: 'Change a missing episode (for example, record the return)',
        params: Type.Object({ id: Uuid }),
        body: EpisodePatch,
        response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode', 422: 'The change is not valid: see errors' }),
      },
    },
    async (req) => episodeJson(await svc.missing.updateEpisode(req.actor!, (req.params as { id: string }).id, req.body as Record<string, unknown>)),
  );

  api.put(
    '/missing-episodes/:id/return-interview',
    {
      preValidation: guard('missing', 'update'),
      schema: {
        tags: ['missing'],
        summary: 'Record the return home interview: offered, completed or declined',
        params: Type.Object({ id: Uuid }),
        body: InterviewBody,
        response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode', 422: 'Not valid (for example, the child has not returned yet): see errors' }),
      },
    },
    async (req) => episodeJson(await svc.missing.putInterview(req.actor!, (req.params as { id: string }).id, req.body as Record<string, unknown>)),
  );

  api.get(
    '/return-interviews/due',
    {
      preValidation: guard('missing', 'read'),
      schema: {
        tags: ['missing'],
        summary: 'Return home interviews still to do, oldest return first',
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }),
        response: withProblems({
          200: Type.Object({
            items: Type.Array(DueItemSchema),
            counts: Type.Object({ overdue: Type.Integer(), dueSoon: Type.Integer(), due: Type.Integer(), total: Type.Integer() }),
            page: Type.Integer(),
            more: Type.Boolean(),
          }),
        }),
      },
    },
    async (req) => {
      const q = req.query as { page?: number; pageSize?: number };
      const result = await svc.missing.dueInterviews(req.actor!, q);
      return { ...result, items: result.items.map(dueJson) };
    },
  );

  api.get(
    '/reports/missing',
    {
      preValidation: guard('report', 'read'),
      schema: {
        tags: ['missing', 'reports'],
        summary: 'Missing children and return home interviews in a period (the committee’s quarterly figures)',
        description: 'Episodes reported missing on a UK date from `from` to `to` inclusive. Without dates: the last full quarter.',
        querystring: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
        response: withProblems({ 200: ReportSchema }, { 422: 'The period is not valid' }),
      },
    },
    async (req) => {
      const { report, rule } = await svc.missing.report(req.actor!, req.query as { from?: string; to?: string });
      return { ...report, repeatMissingRule: rule };
    },
  );
}
