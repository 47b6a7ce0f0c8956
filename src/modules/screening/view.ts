// A screening as pages and the API show it, and the toolkit as a form.
import { ukDate } from '../../platform/time.ts';
import { ANSWER_LABELS, type Answer, INDICATOR_GROUP_LABELS, isRescreenOverdue, SCREENING_LEVEL_LABELS, type ScreeningLevel, type Toolkit } from './domain.ts';
import { levelWords } from './form.ts';
import type * as store from './store.ts';

export interface ScreeningView {
  id: string;
  referralId: string;
  toolkit: { id: string; version: number };
  score: number;
  suggestedLevel: ScreeningLevel;
  suggestedLevelLabel: string;
  level: ScreeningLevel;
  levelLabel: string;
  overridden: boolean;
  overrideReason: string | null;
  drivers: { key: string; label: string; group: string; answer: string; answerLabel: string; points: number }[];
  forcedBy: { key: string; label: string; answer: string }[];
  screenedAt: Date;
  screenedBy: string | null;
  screenedByAgency: string | null;
  rescreenDue: string;
  rescreenOverdue: boolean;
}

export function toView(r: store.ScreeningRow, now: Date): ScreeningView {
  const drivers = r.drivers as ScreeningView['drivers'];
  return {
    id: r.id,
    referralId: r.referral_id,
    toolkit: { id: r.toolkit_id, version: r.toolkit_version },
    score: r.score,
    suggestedLevel: r.suggested_level as ScreeningLevel,
    // In the toolkit's words and triage's ("Moderate (Medium at triage)"), so the hub reads one scale.
    suggestedLevelLabel: levelWords(r.suggested_level as ScreeningLevel),
    level: r.level as ScreeningLevel,
    levelLabel: levelWords(r.level as ScreeningLevel),
    overridden: r.level !== r.suggested_level,
    overrideReason: r.override_reason,
    drivers: drivers.map((d) => ({ ...d, answerLabel: ANSWER_LABELS[d.answer as Answer] ?? d.answer })),
    forcedBy: r.forced_by as ScreeningView['forcedBy'],
    screenedAt: new Date(r.screened_at),
    screenedBy: r.screened_by_name,
    screenedByAgency: r.screened_by_agency,
    rescreenDue: r.rescreen_due,
    rescreenOverdue: isRescreenOverdue(new Date(r.screened_at), ukDate(now)),
  };
}

/** The toolkit as a form: groups of questions, each with the four answers. */
export function toolkitForm(toolkit: Toolkit) {
  const groups = Object.entries(INDICATOR_GROUP_LABELS).map(([group, label]) => ({
    group,
    label,
    indicators: toolkit.indicators.filter((i) => i.group === group),
  }));
  return {
    id: toolkit.id,
    version: toolkit.version,
    name: toolkit.name,
    groups,
    incidents: toolkit.significantIncidents,
    answers: ANSWER_LABELS,
    levels: SCREENING_LEVEL_LABELS,
  };
}
