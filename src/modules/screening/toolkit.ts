// The shape of a screening toolkit. Toolkits are data, versioned, so a partnership can adopt its regionally agreed
// checklist and old screenings stay scored by the version they were answered against.

export const ANSWERS = ['current', 'past_6_months', '6_to_12_months', 'not_present'] as const;
export type Answer = (typeof ANSWERS)[number];
export const ANSWER_LABELS: Readonly<Record<Answer, string>> = {
  current: 'Current',
  past_6_months: 'In the last 6 months',
  '6_to_12_months': '6 to 12 months ago',
  not_present: 'Not present',
};

export const INDICATOR_GROUPS = ['vulnerabilities', 'moderate', 'significant'] as const;
export type IndicatorGroup = (typeof INDICATOR_GROUPS)[number];
export const INDICATOR_GROUP_LABELS: Readonly<Record<IndicatorGroup, string>> = {
  vulnerabilities: 'Vulnerabilities',
  moderate: 'Moderate risk indicators',
  significant: 'Significant risk indicators',
};

export const EXPLOITATION_TYPES = ['cse', 'ce'] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

export const SCREENING_LEVELS = ['not_at_risk', 'mild', 'moderate', 'significant'] as const;
export type ScreeningLevel = (typeof SCREENING_LEVELS)[number];
export const SCREENING_LEVEL_LABELS: Readonly<Record<ScreeningLevel, string>> = {
  not_at_risk: 'Not at risk',
  mild: 'Mild',
  moderate: 'Moderate',
  significant: 'Significant',
};

export interface Indicator {
  key: string;
  label: string;
  group: IndicatorGroup;
  /** Which forms of exploitation this indicator points to (one or both). */
  types: readonly ExploitationType[];
}

/** An incident that on its own puts the child at the highest level, whatever the score. */
export interface SignificantIncident {
  key: string;
  label: string;
  types: readonly ExploitationType[];
}

/** Inclusive score range for a level; `max: null` means no upper bound. */
export interface ScoreBand {
  level: ScreeningLevel;
  min: number;
  max: number | null;
}

/** Whom a toolkit screens: children, or adults (18 and over at screening). */
export const TOOLKIT_AUDIENCES = ['child', 'adult'] as const;
export type ToolkitAudience = (typeof TOOLKIT_AUDIENCES)[number];

export interface Toolkit {
  id: string;
  version: number;
  name: string;
  /** Absent means child: toolkits installed before adults were screened were all for children. */
  audience?: ToolkitAudience;
  indicators: readonly Indicator[];
  significantIncidents: readonly SignificantIncident[];
  /** Points an indicator scores for each answer, by group. */
  points: Readonly<Record<IndicatorGroup, Readonly<Record<Answer, number>>>>;
  /** Answers to a significant incident that force the highest level. */
  incidentForcingAnswers: readonly Answer[];
  /** Ascending, contiguous from 0, last one open-ended. */
  bands: readonly ScoreBand[];
}

export function isAnswer(v: unknown): v is Answer {
  return typeof v === 'string' && (ANSWERS as readonly string[]).includes(v);
}

export function isScreeningLevel(v: unknown): v is ScreeningLevel {
  return typeof v === 'string' && (SCREENING_LEVELS as readonly string[]).includes(v);
}

/** Problems with a toolkit definition, so a misconfigured toolkit is refused before anyone answers it. */
export function validateToolkit(toolkit: Toolkit): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const item of [...toolkit.indicators, ...toolkit.significantIncidents]) {
    if (keys.has(item.key)) problems.push(`Key "${item.key}" is used more than once`);
    keys.add(item.key);
    if (item.types.length === 0) problems.push(`"${item.key}" must be tagged cse, ce or both`);
  }
  let expectedMin = 0;
  toolkit.bands.forEach((band, i) => {
    if (band.min !== expectedMin) problems.push(`Band ${band.level} must start at ${expectedMin}`);
    const last = i === toolkit.bands.length - 1;
    if (last && band.max !== null) problems.push('The last band must have no upper limit');
    if (!last && (band.max === null || band.max < band.min)) problems.push(`Band ${band.level} needs an upper limit`);
    expectedMin = (band.max ?? 0) + 1;
  });
  if (toolkit.bands.length === 0) problems.push('A toolkit needs at least one score band');
  return problems;
}
