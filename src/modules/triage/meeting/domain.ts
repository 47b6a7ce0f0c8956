// Rules of a triage meeting's record: what a correction must change, and the minutes as CSV rows.
import type { FieldError } from '../../../platform/http/problems.ts';

export interface DecisionContent {
  outcome: string;
  category: string;
  rationale: string;
}

/** A correction must say why, and must change something (a reason alone would add a version that says nothing new). */
export function correctionErrors(current: DecisionContent, next: DecisionContent & { reason: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!next.reason.trim()) errors.push({ field: 'reason', message: 'Enter why the decision is being corrected' });
  if (!next.rationale.trim()) errors.push({ field: 'rationale', message: 'Enter the reason for the decision' });
  const same = current.outcome === next.outcome && current.category === next.category && current.rationale === next.rationale.trim();
  if (same) errors.push({ field: 'outcome', message: 'Change the level of risk, category or rationale to correct the decision' });
  return errors;
}

export interface DayDecision {
  personName: string;
  reference: string;
  categoryLabel: string;
  outcomeLabel: string;
  rationale: string;
  decidedAt: string;
  decidedBy: string | null;
  version: number;
  corrected: { at: string; by: string | null; reason: string } | null;
  actions: { description: string; ownerAgencyName: string; dueDate: string; status: string }[];
}

/** One row per decision (its actions joined); the cells are made formula-safe by the caller. */
export function minutesRows(day: string, decisions: DayDecision[]): string[][] {
  const rows = [
    [
      'meeting date',
      'child',
      'referral',
      'category',
      'level of risk',
      'rationale',
      'actions',
      'decided at',
      'decided by',
      'version',
      'corrected by',
      'correction reason',
    ],
  ];
  for (const d of decisions)
    rows.push([
      day,
      d.personName,
      d.reference,
      d.categoryLabel,
      d.outcomeLabel,
      d.rationale,
      d.actions.map((a) => `${a.description} (${a.ownerAgencyName}, due ${a.dueDate}, ${a.status})`).join('; '),
      d.decidedAt,
      d.decidedBy ?? '',
      String(d.version),
      d.corrected ? (d.corrected.by ?? '') : '',
      d.corrected?.reason ?? '',
    ]);
  return rows;
}
