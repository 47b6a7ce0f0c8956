// Information requests: the hub asks named agencies what they hold about a referral's person (before or at triage);
// each agency answers its own. The answering agency sees the request (name, date of birth, question), not the case:
// a request does not make it "involved" with the person.
import { randomUUID } from 'node:crypto';
import { assertMayOnInformationRequest } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { notFound, Problem, ValidationProblem } from '../../platform/http/problems.ts';
import { claimRetryKey } from '../../platform/idempotency/retry.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { referralInScope } from '../referrals/use-cases.ts';
import { checkAnswer, checkRequest } from './domain.ts';
import { AnswerInput, RequestId, RequestQuery, SendRequestInput } from './schemas.ts';
import * as store from './store.ts';
import { type RequestView, requestView } from './view.ts';

export type { RequestView } from './view.ts';

const answeredAlready = () =>
  new Problem(409, 'Already answered', 'This request was answered already (perhaps by a colleague): its answer is shown on the request.', [
    { field: 'answer', message: 'This request was answered already: see its answer' },
  ]);

/** Sends one request per agency named. A retry of the same request (same key) returns the first requests. */
export const sendInformationRequests = useCase({
  name: 'information_requests.send',
  permission: ['information_request', 'create'],
  input: SendRequestInput,
  async run({ db, actor, now }, { idempotencyKey, ...input }): Promise<{ requests: RequestView[]; created: boolean }> {
    const { partnershipId } = actor;
    const referral = await referralInScope(db, actor, input.referralId, 'information_request', 'create');
    const today = ukDate(now);
    const agencies = await store.activeAgencies(db, partnershipId);
    const errors = checkRequest(
      input,
      today,
      agencies.map((a) => a.id),
    );
    if (errors.length) throw new ValidationProblem(errors);
    const ids = input.agencyIds.map(() => randomUUID());
    const found = async (list: string[]) => {
      const rows = await Promise.all(list.map((id) => store.findRequest(db, partnershipId, id)));
      return rows.filter((r) => r !== undefined).map((r) => requestView(r, today));
    };
    if (idempotencyKey) {
      // The key names the first request; the others were made with it in the same transaction.
      const earlier = await claimRetryKey(db, actor, idempotencyKey, ids[0], input);
      if (earlier) {
        const first = await store.findRequest(db, partnershipId, earlier);
        const { rows } = await store.listRequests(db, partnershipId, { agencyId: null, referralId: referral.id, limit: 200, offset: 0 });
        const batch = first ? rows.filter((r) => r.created_at.getTime() === first.created_at.getTime() && r.created_by === first.created_by) : [];
        return { requests: batch.map((r) => requestView(r, today)), created: false };
      }
    }
    await store.insertRequests(
      db,
      input.agencyIds.map((agencyId, i) => ({
        partnership_id: partnershipId,
        id: ids[i],
        referral_id: referral.id,
        person_id: referral.person_id,
        agency_id: agencyId,
        question: input.question.trim(),
        due_date: input.dueDate,
        created_by: actor.userId,
        created_at: now,
      })),
    );
    return { requests: await found(ids), created: true };
  },
  audit: {
    change: 'information_request.sent',
    subject: (out) =>
      out.created
        ? out.requests.map((r) => ({
            type: 'information_request',
            id: r.id,
            personId: r.personId,
            details: {
              referralId: r.referralId,
              reference: r.referralReference,
              agencyId: r.agencyId,
              agency: r.agencyName,
              question: r.question,
              dueDate: r.dueDate,
            },
          }))
        : null,
  },
});

async function requestInScope(db: Db, actor: Parameters<typeof assertMayOnInformationRequest>[0], id: string, action: 'read' | 'update') {
  const row = await store.findRequest(db, actor.partnershipId, id);
  if (!row) throw notFound('The information request');
  assertMayOnInformationRequest(actor, action, { agencyId: row.agency_id });
  return row;
}

/** One request: the hub sees any; an agency only those sent to it. */
export const getInformationRequest = useCase({
  name: 'information_requests.get',
  permission: ['information_request', 'read'],
  input: RequestId,
  async run({ db, actor, now }, { id }) {
    return requestView(await requestInScope(db, actor, id, 'read'), ukDate(now));
  },
  audit: { read: 'information_request.viewed', subject: (r) => ({ type: 'information_request', id: r.id, personId: r.personId }) },
});

/** The hub's requests across the partnership, or those sent to the actor's agency; outstanding first. */
export const listInformationRequests = useCase({
  name: 'information_requests.list',
  permission: ['information_request', 'read'],
  input: RequestQuery,
  async run({ db, actor, scope, now }, q) {
    const today = ukDate(now);
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const { rows, more } = await store.listRequests(db, actor.partnershipId, {
      agencyId: scope === 'partnership' ? null : actor.agencyId,
      referralId: q.referralId,
      status: q.status,
      dueBefore: q.overdue ? today : undefined,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows.map((r) => requestView(r, today)), page, more };
  },
  audit: { read: 'information_request.listed', subject: (out, q) => ({ type: 'information_request', details: { ...q, count: out.items.length } }) },
});

/**
 * The asked agency answers, once. The same answer sent again (a double submission) changes nothing; a different
 * answer to a request already answered is refused (409), so a colleague's answer is never overwritten.
 */
export const answerInformationRequest = useCase({
  name: 'information_requests.answer',
  permission: ['information_request', 'update'],
  input: AnswerInput,
  async run({ db, actor, now }, { id, answer }): Promise<{ request: RequestView; changed: boolean }> {
    const row = await requestInScope(db, actor, id, 'update');
    const errors = checkAnswer(answer);
    if (errors.length) throw new ValidationProblem(errors);
    const text = answer.trim();
    const today = ukDate(now);
    if (row.status === 'answered') {
      if (row.answer === text) return { request: requestView(row, today), changed: false };
      throw answeredAlready();
    }
    if (!(await store.answer(db, actor.partnershipId, id, text, actor.userId, now))) {
      const again = await store.findRequest(db, actor.partnershipId, id);
      if (again?.answer === text) return { request: requestView(again, today), changed: false };
      throw answeredAlready();
    }
    const saved = await store.findRequest(db, actor.partnershipId, id);
    if (!saved) throw notFound('The information request');
    return { request: requestView(saved, today), changed: true };
  },
  audit: {
    change: 'information_request.answered',
    subject: ({ request: r, changed }) =>
      changed
        ? {
            type: 'information_request',
            id: r.id,
            personId: r.personId,
            details: {
              referralId: r.referralId,
              reference: r.referralReference,
              agencyId: r.agencyId,
              agency: r.agencyName,
              question: r.question,
              answer: r.answer,
            },
          }
        : null,
  },
});

/** Outstanding (and overdue) requests per referral, for the hub's triage queue; the queue's own read audits it. */
export async function outstandingByReferral(db: Db, partnershipId: string, referralIds: string[], today: string) {
  const rows = await store.outstandingCounts(db, partnershipId, referralIds, today);
  return new Map(rows.map((r) => [r.referral_id, { outstanding: Number(r.outstanding), overdue: Number(r.overdue) }]));
}

/** How many requests are past their due date and unanswered, for the hub's dashboard. */
export const overdueInformationRequests = (db: Db, partnershipId: string, today: string) => store.overdueCount(db, partnershipId, today);
