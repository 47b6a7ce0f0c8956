// Demo cases (fictional): one per child whose latest triage decision graded a risk, at every status, allocated to the
// demo social worker and others, with reviews due, overdue and done, and the case.* events the chronology shows.
import { randomUUID } from 'node:crypto';
import { CASE_STATUS_LABELS, type CaseStatus, DEFAULT_CLOSURE_REASONS, isAccepted, reviewDue, riskLabel } from '../modules/cases/domain.ts';
import { latestGradedDecisions } from '../modules/cases/store.ts';
import { DEFAULT_WARDS } from '../modules/intelligence/vocab.ts';
import type { Db } from '../platform/db/connect.ts';
import { addDays, ukDate } from '../platform/time.ts';
import { recordChange } from '../platform/usecase/run.ts';
import { seededRandom } from './random.ts';
import { insertRows } from './store.ts';

// The borough's made-up wards, the same list the intelligence demo's places are in, so children and hotspots meet.
const WARDS = DEFAULT_WARDS;
const DAY = 86_400_000;

export async function seedCasesDemo(
  tx: Db,
  pid: string,
  agencyIds: Record<string, string>,
  users: { coordinator: string; socialWorker: string; hubMember: string },
  anchor: Date,
): Promise<void> {
  const rand = seededRandom(11);
  const today = ukDate(anchor);
  const decisions = (await latestGradedDecisions(tx, pid)).filter((d) => isAccepted(d.outcome));
  const cases = [];
  const history = [];
  const reviews = [];
  const events: { name: string; personId: string; caseId: string; at: Date; details: Record<string, unknown> }[] = [];
  for (const [i, d] of decisions.entries()) {
    const id = randomUUID();
    const opened = new Date(d.decided_at);
    // Every status, most open; the first few demo cases are the social worker's so her caseload is not empty.
    const status = i % 10 < 6 ? 'open' : i % 10 < 7 ? 'under_review' : i % 10 < 8 ? 'stepped_down' : 'closed';
    const closureReason = status === 'closed' ? (['risk_reduced', 'moved_away', 'turned_18', 'other'] as const)[i % 4] : null;
    const changedAt = new Date(Math.max(opened.getTime() + 3_600_000, Math.min(anchor.getTime() - DAY, opened.getTime() + (10 + (i % 30)) * DAY)));
    // Reviews: a third overdue, some due this week, the rest later.
    const due = status === 'closed' ? null : i % 3 === 0 ? addDays(today, -((i % 9) + 1)) : i % 3 === 1 ? addDays(today, i % 7) : reviewDue(today, d.outcome);
    const allocated = i % 4 === 0 ? users.socialWorker : i % 4 === 1 ? users.hubMember : i % 4 === 2 ? users.coordinator : null;
    const lead = [agencyIds.csc, agencyIds.yjs, agencyIds.streets, agencyIds.earlyhelp][i % 4];
    cases.push({
      partnership_id: pid,
      id,
      person_id: d.person_id,
      status,
      status_reason: status === 'open' ? 'Referral accepted at triage' : status === 'closed' ? null : 'Fictional: reviewed at the monthly panel',
      status_changed_at: status === 'open' ? opened : changedAt,
      risk_level: d.outcome,
      category: d.category,
      risk_decision_id: d.id,
      risk_decided_at: d.decided_at,
      risk_decided_by: d.decided_by,
      lead_agency_id: allocated ? lead : null,
      allocated_worker_id: allocated,
      key_worker_id: i % 5 === 0 ? users.hubMember : null,
      ward: rand.chance(0.9) ? WARDS[i % WARDS.length] : null,
      review_due: due,
      last_reviewed_at: i % 3 === 2 ? new Date(anchor.getTime() - 3 * DAY) : null,
      closure_reason: closureReason,
      closure_detail: closureReason === 'other' ? 'Fictional: family moved abroad' : null,
      opened_at: opened,
      closed_at: status === 'closed' ? changedAt : null,
    });
    history.push({
      partnership_id: pid,
      id: randomUUID(),
      case_id: id,
      status: 'open',
      reason: 'Referral accepted at triage',
      detail: null,
      changed_at: opened,
      changed_by: d.decided_by,
    });
    events.push({
      name: 'case.opened',
      personId: d.person_id,
      caseId: id,
      at: opened,
      details: { riskLevel: d.outcome, riskLevelLabel: riskLabel(d.outcome), category: d.category },
    });
    if (status !== 'open') {
      history.push({
        partnership_id: pid,
        id: randomUUID(),
        case_id: id,
        status,
        reason: closureReason,
        detail: null,
        changed_at: changedAt,
        changed_by: users.coordinator,
      });
      events.push(
        status === 'closed'
          ? {
              name: 'case.closed',
              personId: d.person_id,
              caseId: id,
              at: changedAt,
              details: { from: 'open', reason: closureReason, reasonLabel: DEFAULT_CLOSURE_REASONS.find((r) => r.code === closureReason)?.label },
            }
          : {
              name: 'case.status_changed',
              personId: d.person_id,
              caseId: id,
              at: changedAt,
              details: { from: 'open', to: status, fromLabel: 'Open', toLabel: CASE_STATUS_LABELS[status as CaseStatus] },
            },
      );
    }
    if (i % 3 === 2 && due) {
      const at = new Date(anchor.getTime() - 3 * DAY);
      reviews.push({
        partnership_id: pid,
        id: randomUUID(),
        case_id: id,
        reviewed_at: at,
        reviewed_by: users.coordinator,
        notes: 'Fictional: engaging with the youth worker; no missing episodes since the last review.',
        next_review_due: due,
      });
      events.push({ name: 'case.reviewed', personId: d.person_id, caseId: id, at, details: { nextReviewDue: due } });
    }
  }
  await insertRows(tx, 'exploitation_case', cases);
  await insertRows(tx, 'case_status_history', history);
  await insertRows(tx, 'case_review', reviews);
  for (const e of events) {
    await recordChange(tx, pid, { id: null, label: 'jigsaw demo' }, e.name, { type: 'case', id: e.caseId, personId: e.personId, details: e.details }, e.at);
  }
}
