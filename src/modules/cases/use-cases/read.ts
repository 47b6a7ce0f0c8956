// Reading cases: the child's case (with its history and reviews), and the hub's list.

import type { Actor } from '../../../platform/access/actor.ts';
import { assertMayOnCase, maySeeCaseList, type PersonFacts } from '../../../platform/access/rules.ts';
import type { Db } from '../../../platform/db/connect.ts';
import { notFound } from '../../../platform/http/problems.ts';
import { addDays, ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { agencyInvolved, readablePerson } from '../../people/use-cases.ts';
import { caseWork, withCaseWork } from '../access.ts';
import { type ClosureReason, DEFAULT_CLOSURE_REASONS, isReviewOverdue, riskLabel } from '../domain.ts';
import * as list from '../list/store.ts';
import { CaseListQuery, CaseRef, PersonRef } from '../schemas.ts';
import * as store from '../store.ts';
import { caseListItem, caseView, statusLabel } from '../view.ts';

/** The case-read facts for the actor: the person must be readable first (404 before 403, as for the person). */
export async function caseFacts(db: Db, actor: Actor, personId: string, options: { caseWorker?: boolean } = {}): Promise<PersonFacts> {
  await readablePerson(db, actor, personId);
  const facts = await withCaseWork(db, actor, personId, await agencyInvolved(db, actor, personId));
  // Changing a case (a review) and the whole plan turn on being its worker, even where the agency is involved anyway.
  return options.caseWorker && facts.caseWorker === undefined ? { ...facts, ...(await caseWork(db, actor, personId)) } : facts;
}

/** The partnership's closing reasons: its own list if it has one, else the defaults. */
export async function closureReasonsOf(db: Db, partnershipId: string): Promise<ClosureReason[]> {
  const rows = await store.closureReasons(db, partnershipId);
  return rows.length ? rows.map((r) => ({ code: r.code, label: r.label, needsDetail: r.needs_detail })) : [...DEFAULT_CLOSURE_REASONS];
}

/** The child's case (null when none), its status history and reviews, and the identity bar's missing flags. */
export const personCase = useCase({
  name: 'cases.ofPerson',
  permission: ['case', 'read'],
  input: PersonRef,
  async run({ db, actor, now }, { personId }) {
    assertMayOnCase(actor, 'read', await caseFacts(db, actor, personId));
    const row = await store.findCaseOfPerson(db, actor.partnershipId, personId);
    const missing = await store.missingFlags(db, actor.partnershipId, personId);
    if (!row) return { personId, case: null, history: [], reviews: [], missing };
    const [history, reviews] = await Promise.all([store.statusHistory(db, actor.partnershipId, row.id), store.reviews(db, actor.partnershipId, row.id)]);
    const reasons = await closureReasonsOf(db, actor.partnershipId);
    return {
      personId,
      case: caseView(row, ukDate(now)),
      history: history.map((h) => ({
        status: h.status,
        statusLabel: statusLabel(h.status),
        reason: reasons.find((r) => r.code === h.reason)?.label ?? h.reason,
        detail: h.detail,
        changedAt: new Date(h.changed_at),
        changedBy: h.changed_by_name,
      })),
      reviews: reviews.map((r) => ({ reviewedAt: new Date(r.reviewed_at), reviewedBy: r.reviewed_by_name, notes: r.notes, nextReviewDue: r.next_review_due })),
      missing,
    };
  },
  audit: { read: 'case.viewed', subject: (r) => ({ type: 'case', id: r.case?.id ?? null, personId: r.personId }) },
});

/** The case by its id (the API's GET /cases/{id}), under the same rule as the child's. */
export const getCase = useCase({
  name: 'cases.get',
  permission: ['case', 'read'],
  input: CaseRef,
  async run(ctx, { id }) {
    const row = await store.findCase(ctx.db, ctx.actor.partnershipId, id);
    if (!row) throw notFound('The case');
    return ctx.call(personCase, { personId: row.person_id });
  },
  audit: { none: 'the child’s case read it calls is audited' },
});

/** The hub's list of cases: filtered, sorted, paged, with counts by risk level and status of the filtered set. */
export const listCases = useCase({
  name: 'cases.list',
  permission: ['case', 'read'],
  input: CaseListQuery,
  async run({ db, actor, now }, q) {
    if (!maySeeCaseList(actor)) throw notFound('The list of cases');
    const today = ukDate(now);
    const pageSize = q.pageSize ?? 25;
    const page = q.page ?? 1;
    const { rows, total, byRisk, byStatus } = await list.listCases(db, actor.partnershipId, q, today, { limit: pageSize, offset: (page - 1) * pageSize });
    return { items: rows.map((r) => caseListItem(r, today)), total, byRisk, byStatus, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
  },
  audit: { read: 'case.listed', subject: (r, q) => ({ type: 'case', details: { ...q, count: r.items.length, total: r.total } }) },
});

/** Open cases whose review is due within a week or overdue, for the hub dashboard. */
export const reviewsDue = useCase({
  name: 'cases.reviewsDue',
  permission: ['case', 'read'],
  input: undefined,
  async run({ db, actor, now }) {
    if (!maySeeCaseList(actor)) return [];
    const today = ukDate(now);
    const rows = await list.reviewsDue(db, actor.partnershipId, addDays(today, 7), 20);
    return rows.map((r) => ({
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      riskLevel: r.risk_level,
      riskLevelLabel: riskLabel(r.risk_level),
      statusLabel: statusLabel(r.status),
      reviewDue: r.review_due,
      overdue: isReviewOverdue(r.review_due, r.status, today),
      allocatedWorkerName: r.allocated_worker_name,
    }));
  },
  audit: { read: 'case_reviews_due.viewed', subject: (rows) => ({ type: 'case', details: { count: rows.length } }) },
});
