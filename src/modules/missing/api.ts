// /api/v1 for missing children: episodes, return home interviews, the due list and the quarterly report. Thin: each
// route names its use case, whose schema is the body's.
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { committeeApi } from './api-committee.ts';
import { DueQuery, EpisodeBody, EpisodePatch, Id, InterviewBody, ReportQuery } from './schemas.ts';
import { createEpisode, getEpisode, updateEpisode } from './use-cases/episodes.ts';
import { recordInterview } from './use-cases/interviews.ts';
import { dueInterviews, missingReport } from './use-cases/reports.ts';
import type { DueItemView, EpisodeView } from './view.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
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

const Count = Type.Union([Type.Integer(), Type.Literal('c')], { description: 'A count, or "c" where disclosure control hides a count from 1 to 5' });
const Pct = Type.Union([Type.Number(), Type.Null(), Type.Literal('c')], {
  description: 'Percentage to 1 decimal place; null when nothing to divide by; "c" when worked from a hidden count',
});
const ReportSchema = Type.Object({
  from: IsoDate,
  to: IsoDate,
  episodes: Count,
  children: Count,
  episodesReturned: Count,
  interviewsOffered: Count,
  offeredPct: Pct,
  interviewsCompleted: Count,
  completedPct: Pct,
  completedWithin72Hours: Count,
  completedWithin72HoursPct: Pct,
  declined: Type.Record(Type.String(), Count),
  suppressed: Type.Boolean({ description: 'True for published figures: the partnership’s disclosure rule applies (default: counts from 1 to 5 as c)' }),
  disclosure: Type.Union([Type.String(), Type.Null()], { description: 'Published figures: the disclosure rule in words; null for exact counts' }),
  declinedTotal: Count,
  repeatMissingChildren: Count,
  repeatMissingRule: Type.Object({ episodes: Type.Integer(), withinDays: Type.Integer() }),
});

export function missingApi(api: FastifyInstance) {
  committeeApi(api);
  api.post(
    '/missing-episodes',
    {
      config: { useCases: [createEpisode] },
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
      const { episode, created, repeatMissing } = await req.run(createEpisode, { ...(req.body as object), ...(key ? { idempotencyKey: `api:${key}` } : {}) });
      return reply
        .status(created ? 201 : 200)
        .header('location', `/api/v1/missing-episodes/${episode.id}`)
        .send({ ...episodeJson(episode), repeatMissing });
    },
  );

  api.get(
    '/missing-episodes/:id',
    {
      config: { useCases: [getEpisode] },
      schema: { tags: ['missing'], summary: 'One missing episode', params: Id, response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode' }) },
    },
    async (req) => episodeJson(await req.run(getEpisode, req.params)),
  );

  api.patch(
    '/missing-episodes/:id',
    {
      config: { useCases: [updateEpisode] },
      schema: {
        tags: ['missing'],
        summary: 'Change a missing episode (for example, record the return)',
        params: Id,
        body: EpisodePatch,
        response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode', 422: 'The change is not valid: see errors' }),
      },
    },
    async (req) => episodeJson((await req.run(updateEpisode, { ...(req.body as object), id: (req.params as { id: string }).id })).episode),
  );

  api.put(
    '/missing-episodes/:id/return-interview',
    {
      config: { useCases: [recordInterview] },
      schema: {
        tags: ['missing'],
        summary: 'Record the return home interview: offered, completed or declined',
        params: Id,
        body: InterviewBody,
        response: withProblems({ 200: EpisodeSchema }, { 404: 'No such episode', 422: 'Not valid (for example, the child has not returned yet): see errors' }),
      },
    },
    async (req) => episodeJson((await req.run(recordInterview, { ...(req.body as object), id: (req.params as { id: string }).id })).episode),
  );

  api.get(
    '/return-interviews/due',
    {
      config: { useCases: [dueInterviews] },
      schema: {
        tags: ['missing'],
        summary: 'Return home interviews still to do, oldest return first',
        querystring: DueQuery,
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
      const result = await req.run(dueInterviews, req.query);
      return { ...result, items: result.items.map(dueJson) };
    },
  );

  api.get(
    '/reports/missing',
    {
      config: { useCases: [missingReport] },
      schema: {
        tags: ['missing', 'reports'],
        summary: 'Missing children and return home interviews in a period (the committee’s quarterly figures)',
        description:
          'Episodes reported missing on a UK date from `from` to `to` inclusive. Without dates: the last full quarter. Those who may not see exact counts get published figures: counts from 1 to 5 as `c`, as on the page.',
        querystring: ReportQuery,
        response: withProblems({ 200: ReportSchema }, { 422: 'The period is not valid' }),
      },
    },
    async (req) => {
      const { report, rule, suppressed, disclosure } = await req.run(missingReport, req.query);
      return { ...report, suppressed, disclosure, repeatMissingRule: rule };
    },
  );
}
