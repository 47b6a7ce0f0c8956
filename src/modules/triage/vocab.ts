// The triage vocabulary. Orders and labels follow the partnership's published triage tables (seed 004,
// 1 Oct 2022 - 28 Feb 2023) so reports line up with what the partnership already publishes.

export const TRIAGE_OUTCOMES = ['returned_not_discussed', 'no_risk', 'low', 'medium', 'high'] as const;
export type TriageOutcome = (typeof TRIAGE_OUTCOMES)[number];

// The seed's table rows read "Low Risk", "Med Risk", "High Risk"; the column heading already says "Level of risk",
// so the shorter labels are used.
export const TRIAGE_OUTCOME_LABELS: Readonly<Record<TriageOutcome, string>> = {
  returned_not_discussed: 'Returned not discussed',
  no_risk: 'No risk',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const TRIAGE_CATEGORIES = ['ce', 'ce_and_violence', 'cse', 'ce_and_cse', 'youth_violence', 'adults', 'other'] as const;
export type TriageCategory = (typeof TRIAGE_CATEGORIES)[number];

// The seed prints "CSE (Child Sexual Exploitation" without its closing bracket; that is a typo, fixed here.
export const TRIAGE_CATEGORY_LABELS: Readonly<Record<TriageCategory, string>> = {
  ce: 'CE (Criminal Exploitation)',
  ce_and_violence: 'CE and Violence',
  cse: 'CSE (Child Sexual Exploitation)',
  ce_and_cse: 'CE and CSE',
  youth_violence: 'Youth Violence',
  adults: 'Adults',
  other: 'Other',
};

// Agency sectors belong to the partnership's directory of agencies; triage reports count referrers by them.
export { SECTOR_LABELS as AGENCY_SECTOR_LABELS, SECTORS as AGENCY_SECTORS, type Sector as AgencySector } from '../admin/domain.ts';

import { SECTORS as AGENCY_SECTORS, type Sector as AgencySector } from '../admin/domain.ts';

// Actions belong to the one tracker (src/modules/actions); triage reads its vocabulary from there.
export {
  ACTION_STATUS_LABELS,
  ACTION_STATUSES,
  type ActionStatus,
  RAG_LABELS,
  RAG_RATINGS,
  type Rag,
} from '../actions/domain.ts';

export function isTriageOutcome(v: unknown): v is TriageOutcome {
  return typeof v === 'string' && (TRIAGE_OUTCOMES as readonly string[]).includes(v);
}
export function isTriageCategory(v: unknown): v is TriageCategory {
  return typeof v === 'string' && (TRIAGE_CATEGORIES as readonly string[]).includes(v);
}
export function isAgencySector(v: unknown): v is AgencySector {
  return typeof v === 'string' && (AGENCY_SECTORS as readonly string[]).includes(v);
}
