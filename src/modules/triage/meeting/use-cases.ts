// A triage meeting day as a record: what it decided (with each decision's earlier versions), and the hub
// coordinator's corrections of a decision, kept as history (issue 12.5).
import { mayOnReferral } from '../../../platform/access/rules.ts';
import { notFound, Problem, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { caseAfterDecision } from '../../cases/use-cases/changes.ts';
import { refreshStanding } from '../store.ts';
import { TRIAGE_CATEGORY_LABELS, TRIAGE_OUTCOME_LABELS } from '../vocab.ts';
import { correctionErrors } from './domain.ts';
import { CorrectionInput, MeetingDayRef } from './schemas.ts';
import * as store from './store.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const outcomeLabel = (o: string) => TRIAGE_OUTCOME_LABELS[o as keyof typeof TRIAGE_OUTCOME_LABELS] ?? o;
const categoryLabel = (c: string) => TRIAGE_CATEGORY_LABELS[c as keyof typeof TRIAGE_CATEGORY_LABELS] ?? c;

/**
 * Every decision recorded on the day's meeting that the reader may read (the hub: all; an agency that reads triage
 * for its own referrals: those), with the child, the referral, the actions set and the history of corrections.
 */
export const triageMeetingDay = useCase({
  name: 'triage.meetingDay',
  permission: ['triage', 'read'],
  input: MeetingDayRef,
  async run({ db, actor }, { day }) {
    const { partnershipId } = actor;
    const rows = (await store.decisionsOfDay(db, partnershipId, day)).filter((r) =>
      mayOnReferral(actor, 'triage', 'read', { referringAgencyId: r.referring_agency_id }),
    );
    const ids = rows.map((r) => r.id);
    const [versions, actions] = await Promise.all([store.versionsOf(db, partnershipId, ids), store.actionsOf(db, partnershipId, ids)]);
    return {
      day,
      decisions: rows.map((r) => ({
        id: r.id,
        referralId: r.referral_id,
        reference: r.reference,
        personId: r.person_id,
        personName: `${r.given_name} ${r.family_name}`,
        outcome: r.outcome,
        outcomeLabel: outcomeLabel(r.outcome),
        category: r.category,
        categoryLabel: categoryLabel(r.category),
        rationale: r.rationale,
        decidedAt: iso(r.decided_at),
        decidedBy: r.decided_by_name,
        version: r.version,
        corrected: r.corrected_at ? { at: iso(r.corrected_at), by: r.corrected_by_name, reason: r.correction_reason ?? '' } : null,
        history: versions
          .filter((v) => v.decision_id === r.id)
          .map((v) => ({
            version: v.version,
            outcome: v.outcome,
            outcomeLabel: outcomeLabel(v.outcome),
            category: v.category,
            categoryLabel: categoryLabel(v.category),
            rationale: v.rationale,
            recordedAt: iso(v.recorded_at),
            recordedBy: v.recorded_by_name,
            reason: v.reason,
          })),
        actions: actions
          .filter((a) => a.source_id === r.id)
          .map((a) => ({ description: a.description, ownerAgencyName: a.owner_agency_name, dueDate: String(a.due_date), status: a.status })),
      })),
    };
  },
  audit: {
    read: 'triage_meeting.decisions_viewed',
    subject: (m) => ({
      type: 'triage_meeting',
      details: { day: m.day, count: m.decisions.length, personIds: [...new Set(m.decisions.map((d) => d.personId))] },
    }),
  },
});
export type TriageMeetingDay = Awaited<ReturnType<typeof triageMeetingDay.run>>;

/**
 * The hub coordinator corrects a decision: the version it replaces is kept, with who recorded it; the new one says
 * who corrected it, when and why. The row is locked and its version checked, so a correction made meanwhile is
 * refused (409), not overwritten. The referral's standing outcome and the child's case follow the correction.
 */
export const correctTriageDecision = useCase({
  name: 'triage.correctDecision',
  permission: ['triage', 'manage'],
  input: CorrectionInput,
  async run({ db, actor, now, call }, { id, version, ...change }) {
    const { partnershipId } = actor;
    const current = await store.decisionForUpdate(db, partnershipId, id);
    if (!current) throw notFound('The decision');
    if (current.version !== version)
      throw new Problem(409, 'Corrected meanwhile', 'Someone corrected this decision after you opened it. Reload it and correct the current version.', [
        { field: 'version', message: 'This decision was corrected after you opened it: reload the page' },
      ]);
    const errors = correctionErrors(current, change);
    if (errors.length) throw new ValidationProblem(errors);
    const next = await store.correct(db, current, {
      outcome: change.outcome,
      category: change.category,
      rationale: change.rationale.trim(),
      reason: change.reason.trim(),
      by: actor.userId,
      at: now,
    });
    await refreshStanding(db, partnershipId, current.referral_id);
    const personId = await store.personOfReferral(db, partnershipId, current.referral_id);
    await caseAfterDecision({ db, actor, call }, personId);
    return {
      id,
      referralId: current.referral_id,
      personId,
      version: next,
      from: { outcome: current.outcome, category: current.category },
      to: { outcome: change.outcome, category: change.category },
      reason: change.reason.trim(),
    };
  },
  audit: {
    change: 'triage_decision.corrected',
    subject: ({ id, personId, ...details }) => ({ type: 'triage_decision', id, personId, details }),
  },
});
