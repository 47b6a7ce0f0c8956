// /api/v1/reviews: scrutiny reviews, inspections, practice reviews and audits with their numbered recommendations;
// create one (or import an executive response document), add a progress update, sign off, spawn an action, export.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Enum, IsoDate, Uuid, withProblems } from '../../platform/http/schemas.ts';
import { REPORT_KINDS } from '../reports/figures.ts';
import { evidenceApi } from './api-evidence.ts';
import { setCadence } from './cadence.ts';
import { RAGS, RECOMMENDATION_STATUSES, RESPONSES, REVIEW_KINDS, UPDATE_CADENCES } from './domain.ts';
import { type ExportData, exportFileName, reviewCsv, reviewDocx, reviewHtml } from './export.ts';
import { AddProgressInput, CreateReviewInput, EXPORT_FORMATS, ImportReviewInput, RequestUpdateInput, SetCadenceInput, SpawnActionInput } from './schemas.ts';
import { addProgress, createReview, exportReview, getReview, importReview, listReviews, requestUpdate, signOff, spawnAction } from './use-cases.ts';
import type { RecommendationView } from './view.ts';

const tags = ['reviews'];
const Params = Type.Object({ id: Uuid });
const RecParams = Type.Object({ id: Uuid, number: Type.Integer({ minimum: 1, maximum: 9999 }) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const ReviewSummary = Type.Object(
  { id: Uuid, name: Type.String(), kind: Enum(REVIEW_KINDS), recommendations: Type.Integer(), completed: Type.Integer(), outstanding: Type.Integer() },
  { $id: 'ReviewSummary' },
);
const Progress = Type.Object({
  datedOn: Type.Union([IsoDate, Type.Null()]),
  text: Type.String(),
  author: Type.String(),
  recordedAt: Type.String({ format: 'date-time' }),
});
export const RecommendationSchema = Type.Object(
  {
    id: Uuid,
    number: Type.Integer(),
    text: Type.String(),
    addressee: Nullable(Type.String()),
    leadOfficer: Nullable(Type.String()),
    leadOrganisation: Nullable(Type.String()),
    response: Type.Union([Enum(RESPONSES), Type.Null()]),
    comment: Type.String({ description: 'The executive response as worded, e.g. "Accepted - completed"' }),
    timescale: Nullable(Type.String()),
    status: Enum(RECOMMENDATION_STATUSES),
    rag: Type.Union([Enum(RAGS), Type.Null()]),
    signedOff: Type.Union([Type.Object({ by: Type.String(), role: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()]),
    progress: Type.Array(Progress),
    nextUpdateDue: Type.Union([IsoDate, Type.Null()]),
    updateOverdue: Type.Boolean(),
    requests: Type.Array(
      Type.Object({ id: Uuid, requestedOf: Type.String(), requestedOn: IsoDate, requestedBy: Type.String(), receivedOn: Type.Union([IsoDate, Type.Null()]) }),
      { description: 'Requests for an update sent to another organisation; `receivedOn` null: yet to be received' },
    ),
    actions: Type.Array(Type.Object({ id: Uuid, title: Type.String(), status: Type.String(), dueOn: IsoDate, ownerAgencyName: Type.String() })),
    leadUser: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()], {
      description: 'The lead’s Jigsaw account, if any: reminded a week before the next update is due and when it is missed, then their manager',
    }),
    evidence: Type.Array(
      Type.Object({
        id: Uuid,
        kind: Enum(['report', 'document'] as const),
        title: Type.String(),
        href: Type.String({ description: 'The live report for the period, or the document to download' }),
        report: Type.Union([Type.Object({ kind: Enum(REPORT_KINDS), kindLabel: Type.String(), from: IsoDate, to: IsoDate }), Type.Null()]),
        document: Type.Union([Type.Object({ fileName: Type.String(), contentType: Type.String(), bytes: Type.Integer() }), Type.Null()]),
        addedBy: Type.String(),
        addedAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'Recommendation' },
);
const Totals = Type.Object({
  not_started: Type.Integer(),
  in_progress: Type.Integer(),
  completed: Type.Integer(),
  outstanding: Type.Integer(),
  total: Type.Integer(),
});
const Chasing = Type.Object({
  number: Type.Integer(),
  updateOverdue: Type.Boolean(),
  nextUpdateDue: Type.Union([IsoDate, Type.Null()]),
  awaiting: Type.Array(Type.String()),
});
const ReviewSchema = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    kind: Enum(REVIEW_KINDS),
    createdAt: Type.String({ format: 'date-time' }),
    updateCadence: Type.Union([Enum(UPDATE_CADENCES), Type.Null()], {
      description: 'How often updates are due: after each, the next a month or a quarter later',
    }),
    totals: Totals,
    chasing: Type.Array(Chasing, { description: 'Recommendations whose next update is overdue or with a request yet to be received' }),
    recommendations: Type.Array(RecommendationSchema),
  },
  { $id: 'Review' },
);
const Created = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), recommendations: Type.Integer() });

const rec = (r: RecommendationView) => r;
const params = (req: { params: unknown }) => req.params as { id: string; number: number };

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
} as const;

export async function sendExport(reply: FastifyReply, format: (typeof EXPORT_FORMATS)[number], d: ExportData) {
  const body = format === 'docx' ? await reviewDocx(d) : format === 'html' ? reviewHtml(d) : reviewCsv(d);
  const disposition = format === 'html' ? 'inline' : 'attachment';
  return reply
    .type(TYPES[format])
    .header('content-disposition', `${disposition}; filename="${exportFileName(d, format)}"`)
    .send(body);
}

export function reviewsApi(api: FastifyInstance) {
  api.get(
    '/reviews',
    {
      config: { useCases: [listReviews] },
      schema: {
        tags,
        summary: 'Reviews, inspections and audits, newest first, with counts of recommendations',
        response: withProblems({ 200: Type.Array(ReviewSummary) }),
      },
    },
    async (req) => req.run(listReviews, undefined),
  );

  api.post(
    '/reviews',
    {
      config: { useCases: [createReview] },
      schema: {
        tags,
        summary: 'Create a review, with its numbered recommendations if given',
        body: CreateReviewInput,
        response: withProblems({ 201: Created }, { 422: 'Not valid (a name already used, a number given twice)' }),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(createReview, req.body as never)),
  );

  api.post(
    '/reviews/import',
    {
      config: { useCases: [importReview] },
      schema: {
        tags,
        summary: 'Create a review from an executive response document',
        description:
          'The document’s text: `Recommendation N.` paragraphs, each followed by the "Comment / Timescale/progress so far / Lead Officer/Organisation" heading and a tab-separated row. `unread` lists the lines not read, by number. A document not in that shape writes nothing (422).',
        body: ImportReviewInput,
        response: withProblems(
          {
            201: Type.Object({
              ...Created.properties,
              title: Nullable(Type.String()),
              unread: Type.Array(Type.Object({ line: Type.Integer(), message: Type.String() })),
            }),
          },
          { 422: 'Not an executive response document, or the name is already used' },
        ),
      },
    },
    async (req, reply) => reply.status(201).send(await req.run(importReview, req.body as never)),
  );

  api.get(
    '/reviews/:id',
    {
      config: { useCases: [getReview] },
      schema: {
        tags,
        summary: 'A review with its recommendations and totals by status',
        params: Params,
        response: withProblems({ 200: ReviewSchema }, { 404: 'No such review' }),
      },
    },
    async (req) => req.run(getReview, { id: params(req).id }),
  );

  api.patch(
    '/reviews/:id',
    {
      config: { useCases: [setCadence] },
      schema: {
        tags,
        summary: 'Set how often the recommendations are due an update (`monthly`, `quarterly`, or null)',
        description:
          'After each progress update the next is due a month or a quarter later, unless the update names its own date. Setting it makes an update due on the cadence for every recommendation not completed that has no date yet.',
        params: Params,
        body: Type.Omit(SetCadenceInput, ['id'], { examples: [{ updateCadence: 'quarterly' }] }),
        response: withProblems({ 200: ReviewSchema }, { 404: 'No such review', 422: 'Not valid' }),
      },
    },
    async (req) => req.run(setCadence, { ...(req.body as { updateCadence: null }), id: params(req).id }),
  );

  api.get(
    '/reviews/:id/recommendations',
    {
      config: { useCases: [getReview] },
      schema: {
        tags,
        summary: 'A review’s recommendations in number order, each with its response, lead officer, status and progress',
        params: Params,
        response: withProblems({ 200: Type.Array(RecommendationSchema) }, { 404: 'No such review' }),
      },
    },
    async (req) => (await req.run(getReview, { id: params(req).id })).recommendations.map(rec),
  );

  api.post(
    '/reviews/:id/recommendations/:number/progress',
    {
      config: { useCases: [addProgress] },
      schema: {
        tags,
        summary: 'Add a dated progress update (you are its author); it may set the status or RAG',
        description:
          '`datedOn` defaults to today. `completed` is set by signing off, not here (422). `requestId`: the request for an update this answers. `nextUpdateDue`: when the next update is due.',
        params: RecParams,
        body: Type.Omit(AddProgressInput, ['id', 'number'], {
          examples: [
            { text: 'December 2026: the revised reporting timescale was agreed (fictional).', datedOn: '2026-12-01', status: 'in_progress', rag: 'amber' },
          ],
        }),
        response: withProblems({ 201: RecommendationSchema }, { 404: 'No such review or recommendation', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(rec(await req.run(addProgress, { ...(req.body as { text: string }), ...params(req) }))),
  );

  api.post(
    '/reviews/:id/recommendations/:number/update-requests',
    {
      config: { useCases: [requestUpdate] },
      schema: {
        tags,
        summary: 'Record a request for an update sent to another organisation',
        description: 'It shows as yet to be received until a progress update names it (`requestId`). `requestedOn` defaults to today.',
        params: RecParams,
        body: Type.Omit(RequestUpdateInput, ['id', 'number'], { examples: [{ requestedOf: 'Northmoor Health Trust (fictional)', requestedOn: '2026-12-01' }] }),
        response: withProblems({ 201: RecommendationSchema }, { 404: 'No such review or recommendation', 422: 'Not valid' }),
      },
    },
    async (req, reply) => reply.status(201).send(rec(await req.run(requestUpdate, { ...(req.body as { requestedOf: string }), ...params(req) }))),
  );

  api.post(
    '/reviews/:id/recommendations/:number/sign-off',
    {
      config: { useCases: [signOff] },
      schema: {
        tags,
        summary: 'Sign off the recommendation as completed, in your name and role',
        params: RecParams,
        response: withProblems({ 200: RecommendationSchema }, { 404: 'No such review or recommendation', 409: 'Already signed off' }),
      },
    },
    async (req) => rec(await req.run(signOff, params(req))),
  );

  api.post(
    '/reviews/:id/recommendations/:number/actions',
    {
      config: { useCases: [spawnAction] },
      schema: {
        tags,
        summary: 'Make an action in the tracker from the recommendation (source "recommendation")',
        params: RecParams,
        body: Type.Omit(SpawnActionInput, ['id', 'number'], {
          examples: [
            { title: 'Brief all councillors on the exploitation pathway', ownerAgencyId: '6f1c1d7e-0000-4000-8000-000000000001', dueOn: '2027-03-31' },
          ],
        }),
        response: withProblems(
          { 201: Type.Object({ recommendationId: Uuid, number: Type.Integer(), actionId: Uuid, title: Type.String(), dueOn: IsoDate }) },
          { 404: 'No such review or recommendation', 422: 'Not valid' },
        ),
      },
    },
    async (req, reply) =>
      reply.status(201).send(await req.run(spawnAction, { ...(req.body as { title: string; ownerAgencyId: string; dueOn: string }), ...params(req) })),
  );

  api.get(
    '/reviews/:id/export',
    {
      config: { useCases: [exportReview] },
      schema: {
        tags,
        summary: 'The executive response table as Word (docx), accessible HTML or CSV, with the export date and totals by status',
        params: Params,
        querystring: Type.Object({ format: Enum(EXPORT_FORMATS) }, { additionalProperties: false }),
        response: withProblems(
          {
            200: Type.Unsafe({
              description: 'The file',
              content: {
                [TYPES.docx]: { schema: { type: 'string', format: 'binary' } },
                'text/html': { schema: { type: 'string' } },
                'text/csv': { schema: { type: 'string' } },
              },
            }),
          },
          { 404: 'No such review' },
        ),
      },
    },
    async (req, reply) => sendExport(reply, (req.query as { format: 'csv' }).format, await req.run(exportReview, { id: params(req).id })),
  );

  evidenceApi(api, { tags, RecParams, RecommendationSchema });
}
