// The screening form's own rules (issue 16.4), pure: which toolkit questions the referrer's ticks answer, "Not known"
// as an answer of the page (saved as unanswered, which the score counts as not present), every question answered
// before saving, and the level in the words triage uses as well as the toolkit's.
import type { FormBody } from '../../platform/http/forms.ts';
import type { FieldError } from '../../platform/http/problems.ts';
import { SCREENING_LEVEL_LABELS, type ScreeningLevel, type Toolkit } from './domain.ts';

/** The page's answer for "we do not know": sent to the use case as no answer. */
export const NOT_KNOWN = 'not_known';

/** A referral's indicator (what the referrer ticked) and the toolkit question it answers. */
export const REFERRAL_INDICATOR_QUESTIONS: Readonly<Record<string, string>> = {
  repeat_missing: 'repeat_missing',
  older_associates: 'older_associates',
  cars_unknown_adults: 'cars_unknown_adults',
  unexplained_money: 'unexplained_items',
  risky_places: 'risky_places',
  online_grooming: 'online_contact',
  school_absence: 'school_absence',
  sexual_health: 'sexual_health',
  substance_misuse: 'substance_misuse',
  self_harm: 'self_harm',
  out_of_area: 'found_out_of_area',
  multiple_phones: 'multiple_phones',
  drug_debt: 'drug_debt',
  weapons: 'carrying_weapons',
  physical_injury: 'unexplained_injuries',
  change_in_behaviour: 'behaviour_change',
};

/** The questions this toolkit has that the referrer's ticks answer (a tick means the concern is current). */
export function referrerAnswers(toolkit: Toolkit, indicators: readonly string[]): Record<string, 'current'> {
  const keys = new Set([...toolkit.indicators, ...toolkit.significantIncidents].map((i) => i.key));
  const out: Record<string, 'current'> = {};
  for (const indicator of indicators) {
    const key = REFERRAL_INDICATOR_QUESTIONS[indicator];
    if (key && keys.has(key)) out[key] = 'current';
  }
  return out;
}

/** Every question must have an answer, "Not known" included; one error per question left blank, in page order. */
export function unansweredErrors(toolkit: Toolkit, form: FormBody): FieldError[] {
  const questions = [...toolkit.indicators, ...toolkit.significantIncidents];
  return questions
    .filter((q) => {
      const v = form[`answers.${q.key}`];
      return typeof v !== 'string' || v === '';
    })
    .map((q) => ({ field: `answers.${q.key}`, message: `Answer “${q.label}”, or choose “Not known”` }));
}

/** The triage level each screening level corresponds to, so the hub reads one scale. */
export const TRIAGE_LEVEL_WORDS: Readonly<Record<ScreeningLevel, string>> = {
  not_at_risk: 'No risk',
  mild: 'Low',
  moderate: 'Medium',
  significant: 'High',
};

/** "Moderate (Medium at triage)": the toolkit's word and the triage word for the same level. */
export const levelWords = (level: ScreeningLevel) => `${SCREENING_LEVEL_LABELS[level]} (${TRIAGE_LEVEL_WORDS[level]} at triage)`;
