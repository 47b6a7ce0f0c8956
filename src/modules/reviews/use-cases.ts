// Reviews and recommendations (issue 13): list, create (with recommendations), import an executive response,
// read one with its recommendations, add a dated progress update, sign off completion, spawn a tracker action.
// Reviews hold no child's data (officers and organisations only), so reads are not person-level; every change is
// audited with its domain event.
import { randomUUID } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import { ROLE_LABELS } from '../../platform/access/policy.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { createAction } from '../actions/use-cases.ts';
import { nextUpdateOn, type RecommendationStatus, totalsByStatus, type UpdateCadence } from './domain.ts';
import { parseExecutiveResponse } from './executive-response.ts';
import { AddProgressInput, CreateReviewInput, ImportReviewInput, RecommendationRef, RequestUpdateInput, ReviewRef, SpawnActionInput } from './schemas.ts';
import * as store from './store.ts';
import { evidenceView, kindLabel, type RecommendationView, type ReviewView, recommendationView } from './view.ts';

const NO_PERSON = 'a review’s recommendations name officers and organisations, never a child';

export const listReviews = useCase({
  name: 'reviews.list',
  permission: ['review', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return (await store.listReviews(db, actor.partnershipId)).map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      kindLabel: kindLabel(r.kind),
      recommendations: Number(r.recommendations),
      completed: Number(r.completed),
      outstanding: Number(r.outstanding),
    }));
  },
  audit: { none: NO_PERSON },
});

export async function reviewView(db: Db, partnershipId: string, id: string, today: string): Promise<ReviewView> {
  const review = await store.reviewById(db, partnershipId, id);
  if (!review) throw notFound('The review');
  const recs = await store.recommendationsOf(db, partnershipId, id);
  const ids = recs.map((r) => r.id);
  const [progress, requests, actions, evidence] = await Promise.all([
    store.progressOf(db, partnershipId, ids),
    store.requestsOf(db, partnershipId, ids),
    store.actionsFor(db, partnershipId, ids),
    store.evidenceOf(db, partnershipId, ids),
  ]);
  const recommendations = recs.map((r) =>
    recommendationView(
      r,
      progress.filter((p) => p.recommendation_id === r.id),
      today,
      {
        requests: requests.filter((q) => q.recommendation_id === r.id),
        actions: actions
          .filter((a) => a.source_id === r.id)
          .map((a) => ({ id: a.id, title: a.description, status: a.status, dueOn: a.due_date, ownerAgencyName: a.owner_agency_name })),
        evidence: evidence
          .filter((e) => e.recommendation_id === r.id)
          .map((e) => evidenceView(e, `/reviews/${id}/recommendations/${r.number}/evidence/${e.id}`)),
      },
    ),
  );
  return {
    id: review.id,
    name: review.name,
    kind: review.kind as ReviewView['kind'],
    kindLabel: kindLabel(review.kind),
    createdAt: new Date(review.created_at).toISOString(),
    updateCadence: (review.update_cadence as UpdateCadence | null) ?? null,
    recommendations,
    totals: totalsByStatus(recommendations.map((r) => r.status)),
    chasing: recommendations
      .map((r) => ({
        number: r.number,
        updateOverdue: r.updateOverdue,
        nextUpdateDue: r.nextUpdateDue,
        awaiting: r.requests.filter((q) => !q.receivedOn).map((q) => q.requestedOf),
      }))
      .filter((c) => c.updateOverdue || c.awaiting.length > 0),
  };
}

export const getReview = useCase({
  name: 'reviews.get',
  permission: ['review', 'read'],
  input: ReviewRef,
  run: ({ db, actor, now }, { id }) => reviewView(db, actor.partnershipId, id, ukDate(now)),
  audit: { none: NO_PERSON },
});

/** The same read for an export, with the day it was made (the export says the date and the totals). */
export const exportReview = useCase({
  name: 'reviews.export',
  permission: ['review', 'read'],
  input: ReviewRef,
  async run({ db, actor, now }, { id }) {
    return { review: await reviewView(db, actor.partnershipId, id, ukDate(now)), exportedOn: ukDate(now) };
  },
  audit: { none: NO_PERSON },
});

type CreateInput = Static<typeof CreateReviewInput>;

async function insertReview(db: Db, partnershipId: string, userId: string, authorName: string, now: Date, input: CreateInput) {
  if (await store.reviewNamed(db, partnershipId, input.name.trim()))
    throw new ValidationProblem([{ field: 'name', message: 'A review with this name already exists: choose another name' }]);
  const recs = input.recommendations ?? [];
  const seen = new Set<number>();
  const errors = recs.flatMap((r, i) => {
    if (seen.has(r.number)) return [{ field: `recommendations[${i}].number`, message: `Recommendation ${r.number} is given twice` }];
    seen.add(r.number);
    return [];
  });
  if (errors.length) throw new ValidationProblem(errors);
  const id = randomUUID();
  const cadence = input.updateCadence ?? null;
  await store.insertReview(db, {
    partnership_id: partnershipId,
    id,
    name: input.name.trim(),
    kind: input.kind,
    created_by: userId,
    created_at: now,
    update_cadence: cadence,
  });
  const rows = recs.map((r) => ({
    partnership_id: partnershipId,
    id: randomUUID(),
    review_id: id,
    number: r.number,
    text: r.text.trim(),
    addressee: r.addressee?.trim() || null,
    lead_officer: r.leadOfficer?.trim() || null,
    lead_organisation: r.leadOrganisation?.trim() || null,
    response: r.response ?? null,
    response_comment: r.responseComment?.trim() || null,
    timescale: r.timescale?.trim() || null,
    status: r.status ?? 'not_started',
    rag: r.rag ?? null,
    next_update_due: cadence && r.status !== 'completed' ? nextUpdateOn(ukDate(now), cadence) : null,
  }));
  await store.insertRecommendations(db, rows);
  // Progress keeps the document's order: one millisecond apart, so "first recorded" is the order written.
  let at = now.getTime();
  await store.insertProgress(
    db,
    recs.flatMap((r, i) =>
      (r.progress ?? []).map((p) => ({
        partnership_id: partnershipId,
        id: randomUUID(),
        recommendation_id: rows[i].id,
        dated_on: p.datedOn ?? null,
        text: p.text.trim(),
        author_user_id: userId,
        author_name: authorName,
        created_at: new Date(at++),
      })),
    ),
  );
  for (const [i, r] of recs.entries())
    for (const q of r.awaiting ?? [])
      await store.insertRequest(db, {
        partnership_id: partnershipId,
        id: randomUUID(),
        recommendation_id: rows[i].id,
        requested_of: q.requestedOf.trim(),
        requested_on: q.requestedOn ?? ukDate(now),
        requested_by: userId,
        requested_by_name: authorName,
        created_at: now,
      });
  return { id, name: input.name.trim(), kind: input.kind, recommendations: rows.length };
}

const created = (r: { id: string; name: string; kind: string; recommendations: number }) => ({
  type: 'review',
  id: r.id,
  details: { name: r.name, kind: r.kind, recommendations: r.recommendations },
});

export const createReview = useCase({
  name: 'reviews.create',
  permission: ['review', 'create'],
  input: CreateReviewInput,
  run: ({ db, actor, now }, input) => insertReview(db, actor.partnershipId, actor.userId, actor.name, now, input),
  audit: { change: 'review.created', subject: created },
});

/**
 * Reads an executive response document and creates the review with what it read; the lines it could not read are
 * returned by number. A file not in that shape writes nothing (422, with the reason on `file`).
 */
export const importReview = useCase({
  name: 'reviews.import',
  permission: ['review', 'create'],
  input: ImportReviewInput,
  async run({ db, actor, now }, input) {
    const parsed = parseExecutiveResponse(input.text);
    if (!parsed.ok) throw new ValidationProblem(parsed.unread.map((u) => ({ field: 'file', message: `Line ${u.line}: ${u.message}` })));
    const review = await insertReview(db, actor.partnershipId, actor.userId, `${actor.name} (imported)`, now, {
      name: input.name,
      kind: input.kind ?? 'scrutiny_review',
      recommendations: parsed.recommendations.map((r) => ({
        number: r.number,
        text: r.text,
        ...(r.addressee ? { addressee: r.addressee } : {}),
        ...(r.leadOfficer ? { leadOfficer: r.leadOfficer } : {}),
        ...(r.leadOrganisation ? { leadOrganisation: r.leadOrganisation } : {}),
        ...(r.response ? { response: r.response } : {}),
        ...(r.responseComment ? { responseComment: r.responseComment } : {}),
        status: r.status,
        progress: r.progress,
        awaiting: r.awaiting,
      })),
    });
    return { ...review, title: parsed.title, unread: parsed.unread };
  },
  audit: { change: 'review.imported', subject: (r) => ({ ...created(r), details: { ...created(r).details, unreadLines: r.unread.map((u) => u.line) } }) },
});

export async function recommendationFor(db: Db, partnershipId: string, id: string, number: number) {
  if (!(await store.reviewById(db, partnershipId, id))) throw notFound('The review');
  const r = await store.recommendationByNumber(db, partnershipId, id, number, { forUpdate: true });
  if (!r) throw notFound(`Recommendation ${number}`);
  return r;
}

export async function oneView(db: Db, partnershipId: string, id: string, number: number, today: string): Promise<RecommendationView> {
  const review = await reviewView(db, partnershipId, id, today);
  const r = review.recommendations.find((x) => x.number === number);
  if (!r) throw notFound(`Recommendation ${number}`);
  return r;
}

export const getRecommendation = useCase({
  name: 'reviews.recommendation',
  permission: ['review', 'read'],
  input: RecommendationRef,
  async run({ db, actor, now }, { id, number }) {
    const review = await reviewView(db, actor.partnershipId, id, ukDate(now));
    const recommendation = review.recommendations.find((x) => x.number === number);
    if (!recommendation) throw notFound(`Recommendation ${number}`);
    return { review: { id: review.id, name: review.name }, recommendation };
  },
  audit: { none: NO_PERSON },
});

/** A dated progress update by the signed-in person; it may move the status or RAG. Completing needs a sign-off. */
export const addProgress = useCase({
  name: 'reviews.add_progress',
  permission: ['review', 'update'],
  input: AddProgressInput,
  async run({ db, actor, now }, input) {
    const r = await recommendationFor(db, actor.partnershipId, input.id, input.number);
    if (input.status === 'completed' && r.status !== 'completed')
      throw new ValidationProblem([{ field: 'status', message: 'Completion is signed off: use “Sign off as completed”' }]);
    const today = ukDate(now);
    if (input.datedOn && input.datedOn > today) throw new ValidationProblem([{ field: 'datedOn', message: 'The date must be today or in the past' }]);
    if (input.nextUpdateDue && input.nextUpdateDue <= today)
      throw new ValidationProblem([{ field: 'nextUpdateDue', message: 'The next update must be due after today' }]);
    const progressId = randomUUID();
    await store.insertProgress(db, [
      {
        partnership_id: actor.partnershipId,
        id: progressId,
        recommendation_id: r.id,
        dated_on: input.datedOn ?? ukDate(now),
        text: input.text.trim(),
        author_user_id: actor.userId,
        author_name: actor.name,
        created_at: now,
      },
    ]);
    // The update answers a request for one sent to another organisation: it is no longer "yet to be received".
    if (input.requestId && !(await store.receiveRequest(db, actor.partnershipId, r.id, input.requestId, progressId, today)))
      throw new ValidationProblem([{ field: 'requestId', message: 'Choose a request for an update that is yet to be received' }]);
    const set: { status?: RecommendationStatus; rag?: string; next_update_due?: string | null } = {};
    if (input.status && input.status !== r.status) set.status = input.status;
    if (input.rag && input.rag !== r.rag) set.rag = input.rag;
    // The next update: the date given, or on the review's cadence from today.
    const cadence = (await store.reviewById(db, actor.partnershipId, input.id))?.update_cadence as UpdateCadence | null;
    if (input.nextUpdateDue) set.next_update_due = input.nextUpdateDue;
    else if (cadence) set.next_update_due = nextUpdateOn(today, cadence);
    if (Object.keys(set).length) await store.updateRecommendation(db, actor.partnershipId, r.id, set);
    return {
      progressId,
      requestId: input.requestId ?? null,
      from: { status: r.status, rag: r.rag },
      ...(await oneView(db, actor.partnershipId, input.id, input.number, today)),
    };
  },
  audit: {
    change: 'recommendation.progress_added',
    subject: (r) => ({
      type: 'recommendation',
      id: r.id,
      details: {
        number: r.number,
        progressId: r.progressId,
        requestId: r.requestId,
        from: r.from,
        status: r.status,
        rag: r.rag,
        nextUpdateDue: r.nextUpdateDue,
      },
    }),
  },
});

/** Completion signed off by the signed-in person, in their role (a coordinator or administrator). */
export const signOff = useCase({
  name: 'reviews.sign_off',
  permission: ['review', 'manage'],
  input: RecommendationRef,
  async run({ db, actor, now }, { id, number }) {
    const r = await recommendationFor(db, actor.partnershipId, id, number);
    if (r.signed_off_at) throw new Problem(409, 'Already signed off', `Recommendation ${number} was signed off by ${r.signed_off_name}`);
    await store.updateRecommendation(db, actor.partnershipId, r.id, {
      status: 'completed',
      signed_off_by: actor.userId,
      signed_off_name: actor.name,
      signed_off_role: ROLE_LABELS[actor.role],
      signed_off_at: now,
    });
    return { from: r.status, ...(await oneView(db, actor.partnershipId, id, number, ukDate(now))) };
  },
  audit: {
    change: 'recommendation.signed_off',
    subject: (r) => ({ type: 'recommendation', id: r.id, details: { number: r.number, from: r.from, by: r.signedOff?.by, role: r.signedOff?.role } }),
  },
});

/** An action in the one tracker, made from the recommendation (source 'recommendation'); the tracker audits it. */
export const spawnAction = useCase({
  name: 'reviews.spawn_action',
  permission: ['review', 'manage'],
  input: SpawnActionInput,
  async run({ db, actor, call }, input) {
    const r = await recommendationFor(db, actor.partnershipId, input.id, input.number);
    const review = await store.reviewById(db, actor.partnershipId, input.id);
    const action = await call(createAction, {
      sourceKind: 'recommendation',
      sourceId: r.id,
      context: `Recommendation ${r.number}, ${review?.name ?? ''}`.slice(0, 200),
      title: input.title,
      ownerAgencyId: input.ownerAgencyId,
      dueOn: input.dueOn,
    });
    return { recommendationId: r.id, number: r.number, actionId: action.id, title: action.title, dueOn: action.dueOn };
  },
  audit: { change: 'recommendation.action_spawned', subject: (r) => ({ type: 'recommendation', id: r.recommendationId, details: r }) },
});

/** A request for an update sent to another organisation (a letter, an e-mail): shown as yet to be received until answered. */
export const requestUpdate = useCase({
  name: 'reviews.request_update',
  permission: ['review', 'update'],
  input: RequestUpdateInput,
  async run({ db, actor, now }, input) {
    const r = await recommendationFor(db, actor.partnershipId, input.id, input.number);
    const today = ukDate(now);
    if (input.requestedOn && input.requestedOn > today)
      throw new ValidationProblem([{ field: 'requestedOn', message: 'The date must be today or in the past' }]);
    const requestId = randomUUID();
    await store.insertRequest(db, {
      partnership_id: actor.partnershipId,
      id: requestId,
      recommendation_id: r.id,
      requested_of: input.requestedOf.trim(),
      requested_on: input.requestedOn ?? today,
      requested_by: actor.userId,
      requested_by_name: actor.name,
      created_at: now,
    });
    return { requestId, ...(await oneView(db, actor.partnershipId, input.id, input.number, today)) };
  },
  audit: {
    change: 'recommendation.update_requested',
    subject: (r, i) => ({ type: 'recommendation', id: r.id, details: { number: r.number, requestId: r.requestId, requestedOf: i.requestedOf } }),
  },
});
