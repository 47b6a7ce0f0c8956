// Subject access rules: which rows are about the person, what in them is someone else's (a referrer, an intelligence
// source, another person named in free text) or restricted intelligence, and the copy released with those redacted.

/** Columns that name the person a row is about. */
export const PERSON_COLUMNS = ['person_id', 'merged_person_id', 'surviving_person_id'];

/**
 * Not exported: the audit trail and domain events (records of what staff did, kept for accountability and given on
 * request as an access log instead), search and matching keys (derived copies of the person's own details), the
 * job queue and this log of releases.
 */
export const EXCLUDED_TABLES = ['audit_event', 'domain_event', 'person_match_key', 'person_search_key', 'job', 'subject_access_release'];

/** Columns holding another person's details: the referrer, an intelligence source. */
export const THIRD_PARTY_COLUMNS = ['referrer_name', 'referrer_role', 'referrer_contact', 'source_record'];

/** Columns never shown: secrets and internals with no meaning to the person. */
const HIDDEN_COLUMNS = ['partnership_id', 'password_hash', 'mfa_secret', 'token_hash', 'blocking_keys'];

export const REDACTED = '[redacted]';

export type RedactionReason = 'third party' | 'restricted intelligence';

export interface Field {
  name: string;
  value: unknown;
  /** Set when the release copy withholds this value. */
  redact?: RedactionReason;
}

export interface Section {
  table: string;
  title: string;
  records: Field[][];
}

export interface Export {
  person: { id: string; name: string; dateOfBirth: string | null };
  generatedAt: string;
  copy: 'review' | 'release';
  sections: Section[];
  redactions: number;
}

const TITLES: Record<string, string> = {
  person: 'Personal details',
  person_alias: 'Other names',
  person_agency: 'Agencies working with the person',
  referral: 'Referrals',
  screening: 'Screenings',
  missing_episode: 'Missing episodes',
  exploitation_case: 'Case',
  case_status_history: 'Case status history',
  case_review: 'Case reviews',
  intel_entity: 'Intelligence record of the person',
  intel_link: 'Intelligence links',
  intel_item: 'Intelligence',
  information_request: 'Information requests',
  person_voice: "The person's voice",
  transition_plan: 'Transition plan',
  meeting: 'Meetings',
  person_rectification: 'Corrections to personal details',
};

export const sectionTitle = (table: string) => TITLES[table] ?? table.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

/** Intelligence whose handling code is C is restricted: withheld whole from the release copy. */
const restricted = (table: string, row: Record<string, unknown>) => table.startsWith('intel_') && row.handling === 'C';

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A matcher for any of the names (one regular expression, however many names: exports run it on every field). */
export function namesPattern(names: string[]): RegExp | null {
  const alternatives = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return alternatives.length ? new RegExp(`(?<!\\w)(?:${alternatives.join('|')})(?!\\w)`, 'gi') : null;
}

/** Free text with third parties' names replaced, and how many were. */
export function withoutNames(text: string, pattern: RegExp | null): { text: string; hits: number } {
  if (!pattern) return { text, hits: 0 };
  let hits = 0;
  const out = text.replace(pattern, () => {
    hits++;
    return '[third party]';
  });
  return { text: out, hits };
}

/** Marks what is to be redacted (review copy) or redacts it (release copy). Pure: rows in, sections out. */
export function buildExport(
  person: Export['person'],
  found: { table: string; rows: Record<string, unknown>[] }[],
  thirdPartyNames: string[],
  copy: Export['copy'],
  now: Date,
): Export {
  const ownName = person.name.toLowerCase();
  const pattern = namesPattern(thirdPartyNames.filter((n) => n.trim().toLowerCase() !== ownName));
  let redactions = 0;
  const sections = found.map(({ table, rows }) => ({
    table,
    title: sectionTitle(table),
    records: rows.map((row) =>
      Object.entries(row)
        .filter(([name]) => !HIDDEN_COLUMNS.includes(name))
        .map(([name, value]): Field => {
          let redact: RedactionReason | undefined;
          if (restricted(table, row) && name !== 'id' && name !== 'handling') redact = 'restricted intelligence';
          else if (THIRD_PARTY_COLUMNS.includes(name) && value != null && value !== '') redact = 'third party';
          if (redact) {
            redactions++;
            return { name, value: copy === 'release' ? REDACTED : value, redact };
          }
          if (typeof value === 'string' && pattern) {
            const cleaned = withoutNames(value, pattern);
            if (cleaned.hits) {
              redactions += cleaned.hits;
              return { name, value: copy === 'release' ? cleaned.text : value, redact: 'third party' };
            }
          }
          return { name, value };
        }),
    ),
  }));
  return { person, generatedAt: now.toISOString(), copy, sections, redactions };
}

export const recordCount = (e: Export) => e.sections.reduce((n, s) => n + s.records.length, 0);

/** The format from --format, else from the file's extension; null when neither says. */
export function formatFor(format: string | undefined, file: string): 'html' | 'json' | null {
  if (format) return format === 'html' || format === 'json' ? format : null;
  if (/\.json$/i.test(file)) return 'json';
  if (/\.html?$/i.test(file)) return 'html';
  return null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function show(v: unknown): string {
  if (v == null || v === '') return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A printable HTML document (print to PDF from the browser). Redactions are marked in the review copy. */
export function exportHtml(e: Export): string {
  const body = e.sections
    .map(
      (s) =>
        `<h2>${esc(s.title)} (${s.records.length})</h2>\n${s.records
          .map(
            (r) =>
              `<table><tbody>${r
                .map(
                  (f) =>
                    `<tr><th scope="row">${esc(f.name.replaceAll('_', ' '))}</th><td${f.redact ? ` class="redact" title="${esc(f.redact)}"` : ''}>${esc(show(f.value))}${f.redact && e.copy === 'review' ? ` <strong>[to redact: ${esc(f.redact)}]</strong>` : ''}</td></tr>`,
                )
                .join('')}</tbody></table>`,
          )
          .join('\n')}`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Subject access: ${esc(e.person.name)}</title>
<style>body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:1em}th,td{border:1px solid #b1b4b6;padding:4px 8px;text-align:left;vertical-align:top}th{width:25%}.redact{background:#ffdd00}@media print{h2{page-break-after:avoid}table{page-break-inside:avoid}}</style>
</head><body>
<h1>Subject access: ${esc(e.person.name)}</h1>
<p>Everything Jigsaw holds about this person, produced ${esc(e.generatedAt)}. ${e.copy === 'release' ? `Release copy: ${e.redactions} items redacted (third parties' details and restricted intelligence).` : `Review copy, not for release: ${e.redactions} items marked for redaction.`}</p>
${body}
</body></html>
`;
}
