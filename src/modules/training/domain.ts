// Training and awareness rules, without I/O: when a member must have completed a course, whether they are
// compliant on a day, a cohort's figures and RAG, the trend, imported rows, and evaluation ("% improved").
import { addDays, isIsoDate } from '../../platform/time.ts';

export const ORG_KINDS = [
  'school',
  'gp_practice',
  'taxi_firm',
  'residential_home',
  'hotel',
  'council',
  'faith_group',
  'community_group',
  'business',
  'other',
] as const;
export const ORG_KIND_LABELS: Record<(typeof ORG_KINDS)[number], string> = {
  school: 'School',
  gp_practice: 'GP practice',
  taxi_firm: 'Taxi firm',
  residential_home: 'Residential home',
  hotel: 'Hotel',
  council: 'Council',
  faith_group: 'Faith group',
  community_group: 'Community group',
  business: 'Business',
  other: 'Other',
};

export const RULES = ['by_date', 'from_joining', 'recurring'] as const;
export type Rule = (typeof RULES)[number];
export const RULE_LABELS: Record<Rule, string> = {
  by_date: 'Everyone within a number of months of a date',
  from_joining: 'Each member within a number of months of joining',
  recurring: 'Every number of months (first within that time of joining)',
};

export const AUDIENCES = ['pupils', 'parents', 'professionals', 'drivers', 'hotel_staff', 'faith_groups', 'community'] as const;
export const AUDIENCE_LABELS: Record<(typeof AUDIENCES)[number], string> = {
  pupils: 'Pupils',
  parents: 'Parents',
  professionals: 'Professionals',
  drivers: 'Drivers',
  hotel_staff: 'Hotel staff',
  faith_groups: 'Faith groups',
  community: 'Community',
};

export const REACH_STATUSES = ['identified', 'contacted', 'engaged', 'declined'] as const;
export const REACH_STATUS_LABELS: Record<(typeof REACH_STATUSES)[number], string> = {
  identified: 'Identified',
  contacted: 'Contacted',
  engaged: 'Engaged',
  declined: 'Declined',
};

/** The same day `n` months later (31 January + 1 month is 28 or 29 February). */
export function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface Requirement {
  rule: Rule;
  months: number;
  startDate: string | null;
  /** The course's validity; null: a completion does not expire. */
  validityMonths: number | null;
  dueSoonDays: number;
}

/** Until when a completion on `completedOn` counts: the course's validity, or the cohort's interval if recurring. */
export function validUntil(req: Requirement, completedOn: string): string | null {
  const months = req.rule === 'recurring' ? Math.min(req.months, req.validityMonths ?? req.months) : req.validityMonths;
  return months === null ? null : addDays(addMonths(completedOn, months), -1);
}

/** The first deadline for a member who has not completed the course. */
export function firstDue(req: Requirement, joinedOn: string): string {
  if (req.rule === 'by_date' && req.startDate) return addMonths(req.startDate > joinedOn ? req.startDate : joinedOn, req.months);
  return addMonths(joinedOn, req.months);
}

export type MemberStatus = 'compliant' | 'due_soon' | 'overdue' | 'not_yet_due';
export const MEMBER_STATUS_LABELS: Record<MemberStatus, string> = {
  compliant: 'Compliant',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  not_yet_due: 'Not yet due',
};

export interface MemberState {
  status: MemberStatus;
  compliant: boolean;
  /** The day by which the member must (re)complete the course; null when a completion never expires. */
  dueOn: string | null;
  neverTrained: boolean;
}

/**
 * A member on `today`, from the dates of their completions (any order). Compliant: a completion still valid.
 * Due soon: must complete or renew within the cohort's due-soon days (so a compliant member whose training expires
 * next week is both compliant and due soon). Overdue: the deadline has passed without a valid completion.
 */
export function memberState(req: Requirement, joinedOn: string, completions: readonly string[], today: string): MemberState {
  let latest: string | null = null;
  for (const c of completions) if (c <= today && (latest === null || c > latest)) latest = c;
  const soon = addDays(today, req.dueSoonDays);
  if (latest !== null) {
    const until = validUntil(req, latest);
    if (until === null || until >= today) {
      const dueOn = until === null ? null : addDays(until, 1);
      return { status: dueOn !== null && dueOn <= soon ? 'due_soon' : 'compliant', compliant: true, dueOn, neverTrained: false };
    }
    // Expired: renew by the day after it lapsed (already passed), so overdue.
    return { status: 'overdue', compliant: false, dueOn: addDays(until, 1), neverTrained: false };
  }
  const dueOn = firstDue(req, joinedOn);
  const status: MemberStatus = dueOn <= today ? 'overdue' : dueOn <= soon ? 'due_soon' : 'not_yet_due';
  return { status, compliant: false, dueOn, neverTrained: true };
}

/**
 * memberState for many members on one day, remembering the dates worked out (a cohort's members share completion
 * and joining days, so a cohort of 100,000 needs a few hundred date calculations, not several hundred thousand).
 */
export function statesOn(req: Requirement, today: string) {
  const until = new Map<string, string | null>();
  const first = new Map<string, string>();
  const soon = addDays(today, req.dueSoonDays);
  const validUntilOf = (d: string) => {
    let v = until.get(d);
    if (v === undefined) {
      v = validUntil(req, d);
      until.set(d, v);
    }
    return v;
  };
  return (joinedOn: string, completions: readonly string[]): MemberState => {
    let latest: string | null = null;
    for (const c of completions) if (c <= today && (latest === null || c > latest)) latest = c;
    if (latest !== null) {
      const u = validUntilOf(latest);
      if (u === null || u >= today) {
        const dueOn = u === null ? null : addDays(u, 1);
        return { status: dueOn !== null && dueOn <= soon ? 'due_soon' : 'compliant', compliant: true, dueOn, neverTrained: false };
      }
      return { status: 'overdue', compliant: false, dueOn: addDays(u, 1), neverTrained: false };
    }
    let dueOn = first.get(joinedOn);
    if (dueOn === undefined) {
      dueOn = firstDue(req, joinedOn);
      first.set(joinedOn, dueOn);
    }
    const status: MemberStatus = dueOn <= today ? 'overdue' : dueOn <= soon ? 'due_soon' : 'not_yet_due';
    return { status, compliant: false, dueOn, neverTrained: true };
  };
}

export interface Figures {
  members: number;
  compliant: number;
  percentCompliant: number;
  dueSoon: number;
  overdue: number;
  neverTrained: number;
}

export const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

export function figuresOf(states: readonly MemberState[]): Figures {
  let compliant = 0;
  let dueSoon = 0;
  let overdue = 0;
  let neverTrained = 0;
  for (const s of states) {
    if (s.compliant) compliant++;
    if (s.status === 'due_soon') dueSoon++;
    if (s.status === 'overdue') overdue++;
    if (s.neverTrained) neverTrained++;
  }
  return { members: states.length, compliant, percentCompliant: percent(compliant, states.length), dueSoon, overdue, neverTrained };
}

export type Rag = 'green' | 'amber' | 'red';
export const RAG_LABELS: Record<Rag, string> = { green: 'Green', amber: 'Amber', red: 'Red' };

/** RAG by the partnership's thresholds; a cohort with no members is not red. */
export function rag(percentCompliant: number, members: number, greenPct: number, amberPct: number): Rag {
  if (members === 0 || percentCompliant >= greenPct) return 'green';
  return percentCompliant >= amberPct ? 'amber' : 'red';
}

/** Month ends (YYYY-MM-DD) of the `n` months up to and including the one holding `today` (that one as `today`). */
export function trendDays(today: string, n: number): string[] {
  const first = `${today.slice(0, 8)}01`;
  const days: string[] = [];
  for (let i = n - 1; i >= 1; i--) days.push(addDays(addMonths(first, -i + 1), -1));
  days.push(today);
  return days;
}

export interface MemberHistory {
  joinedOn: string;
  completions: readonly string[];
}

/** % compliant on each day, counting only those who were members by then (intervals computed once per completion). */
export function trend(req: Requirement, members: readonly MemberHistory[], days: readonly string[]) {
  const until = new Map<string, string>();
  const untilOf = (c: string) => {
    let v = until.get(c);
    if (v === undefined) {
      v = validUntil(req, c) ?? '9999-12-31';
      until.set(c, v);
    }
    return v;
  };
  const valid = members.map((m) => ({ joinedOn: m.joinedOn, spans: m.completions.map((c) => [c, untilOf(c)] as const) }));
  return days.map((day) => {
    let count = 0;
    let compliant = 0;
    for (const m of valid) {
      if (m.joinedOn > day) continue;
      count++;
      if (m.spans.some(([from, until]) => from <= day && until >= day)) compliant++;
    }
    return { day, members: count, compliant, percentCompliant: percent(compliant, count) };
  });
}

// ---- imported rows ----

export const IMPORT_FIELDS = ['reference', 'name', 'organisation', 'email', 'completedOn'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  reference: 'Reference (licence or staff number)',
  name: 'Name',
  organisation: 'Organisation',
  email: 'E-mail',
  completedOn: 'Date completed',
};
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['reference', 'name', 'completedOn'];

const HEADER_GUESSES: Record<ImportField, RegExp> = {
  reference: /^(ref(erence)?|licen[cs]e( ?(no|number))?|id|staff ?(no|number)|badge)$/i,
  name: /^(full ?)?name$/i,
  organisation: /^(organi[sz]ation|org|employer|firm|school|practice|company)$/i,
  email: /^e-?mail( address)?$/i,
  completedOn: /^(date( completed)?|completed( on)?|completion date|date of completion)$/i,
};

/** The column (by header) that each field most likely comes from; a field with no likely column is absent. */
export function guessMapping(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const mapping: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const h = headers.find((x) => HEADER_GUESSES[field].test(x.trim()));
    if (h !== undefined) mapping[field] = h;
  }
  return mapping;
}

export interface ImportRow {
  line: number;
  reference: string;
  name: string;
  orgName: string | null;
  email: string | null;
  completedOn: string;
}

export interface RowError {
  line: number;
  field: ImportField;
  message: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A date as written in a spreadsheet: 2026-03-01, 1/3/2026 (day first, as in the UK), or an Excel date. */
export function readDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const v = value.trim();
  if (isIsoDate(v)) return v;
  const m = UK_DATE.exec(v);
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** One spreadsheet row, by the mapping, as a completion or the errors that keep it out (with its line number). */
export function readRow(line: number, cells: Record<string, unknown>, mapping: Partial<Record<ImportField, string>>, today: string): ImportRow | RowError[] {
  const get = (f: ImportField) => (mapping[f] === undefined ? '' : text(cells[mapping[f] as string]));
  const errors: RowError[] = [];
  const reference = get('reference');
  const name = get('name');
  const email = get('email');
  const rawDate = mapping.completedOn === undefined ? undefined : cells[mapping.completedOn];
  if (reference === '') errors.push({ line, field: 'reference', message: 'Enter the reference' });
  else if (reference.length > 100) errors.push({ line, field: 'reference', message: 'The reference must be 100 characters or fewer' });
  if (name === '') errors.push({ line, field: 'name', message: 'Enter the name' });
  else if (name.length > 200) errors.push({ line, field: 'name', message: 'The name must be 200 characters or fewer' });
  if (email !== '' && !EMAIL.test(email)) errors.push({ line, field: 'email', message: `“${email.slice(0, 60)}” is not an e-mail address` });
  const completedOn = readDate(rawDate);
  if (text(rawDate) === '') errors.push({ line, field: 'completedOn', message: 'Enter the date completed' });
  else if (completedOn === null)
    errors.push({ line, field: 'completedOn', message: `“${text(rawDate).slice(0, 30)}” is not a date: use a date like 1/3/2026` });
  else if (completedOn > today) errors.push({ line, field: 'completedOn', message: 'The date completed must be today or in the past' });
  if (errors.length > 0) return errors;
  const org = get('organisation');
  return {
    line,
    reference,
    name,
    orgName: org === '' ? null : org.slice(0, 200),
    email: email === '' ? null : email.toLowerCase(),
    completedOn: completedOn as string,
  };
}

/** A spreadsheet cell that a spreadsheet program would not run as a formula (=, +, -, @, tab, return first). */
export function safeCell(value: string | number | null | undefined): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

// ---- evaluation ----

/** "% whose knowledge and skills improved": after above before, with the count of responses it rests on. */
export function improvement(responses: readonly { before: number; after: number }[]) {
  const improved = responses.filter((r) => r.after > r.before).length;
  return { responses: responses.length, improved, percentImproved: percent(improved, responses.length) };
}

/** Evaluation responses typed one per line as "before, after" (each 1 to 5). */
export function readResponses(textValue: string): { responses: { before: number; after: number }[]; errors: string[] } {
  const responses: { before: number; after: number }[] = [];
  const errors: string[] = [];
  textValue.split(/\r?\n/).forEach((raw, i) => {
    const l = raw.trim();
    if (l === '') return;
    const m = /^([1-5])\s*[, ]\s*([1-5])$/.exec(l);
    if (!m) errors.push(`Line ${i + 1}: “${l.slice(0, 20)}” is not two scores from 1 to 5, like 2, 4`);
    else responses.push({ before: Number(m[1]), after: Number(m[2]) });
  });
  return { responses, errors };
}

/** The half year (e.g. 2026-H1) holding a day, and its first and last days. */
export function halfYear(period: string): { from: string; to: string } | null {
  const m = /^(\d{4})-H([12])$/.exec(period);
  if (!m) return null;
  return m[2] === '1' ? { from: `${m[1]}-01-01`, to: `${m[1]}-06-30` } : { from: `${m[1]}-07-01`, to: `${m[1]}-12-31` };
}
export const halfYearOf = (day: string) => `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;
