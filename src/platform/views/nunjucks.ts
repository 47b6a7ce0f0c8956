// The Nunjucks environment: GOV.UK and MOJ macros, our layout, and a few filters.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { paths } from '../http/paths.ts';
import { formatDate, formatUkDateTime } from '../time.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const modules = resolve(here, '../../modules');

export function viewPaths(): string[] {
  const moduleViews = readdirSync(modules, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(modules, d.name, 'views'));
  return [
    here,
    join(here, '../auth/views'),
    ...moduleViews,
    join(root, 'node_modules/govuk-frontend/dist'),
    join(root, 'node_modules/@ministryofjustice/frontend'),
  ];
}

export function createNunjucks(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewPaths(), { noCache: false }), { autoescape: true, throwOnUndefined: false });
  env.addGlobal('paths', paths);
  // Every GOV.UK macro trims its caller's HTML; Nunjucks' own trim (`replace(/^\s*|\s*$/g, '')`) rescans each run of
  // indentation to the end, which was a sixth of a busy server's CPU on large pages. The same result, natively.
  env.addFilter('trim', (s: string | nunjucks.runtime.SafeString) => {
    const trimmed = String.prototype.trim.call(s);
    return s instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter('ukDateTime', (v: Date | string | null) => (v ? formatUkDateTime(v) : ''));
  env.addFilter('ukDate', (v: string | null) => (v ? formatDate(v) : ''));
  /** Turns [{field, message}] into the GOV.UK error summary's list, linking each to its field. */
  env.addFilter('errorList', (errors: { field: string; message: string }[] | undefined) =>
    (errors ?? []).map((e) => ({ text: e.message, href: `#${fieldId(e.field)}` })),
  );
  env.addFilter('fieldError', (errors: { field: string; message: string }[] | undefined, field: string) => {
    const found = (errors ?? []).find((e) => e.field === field || e.field.startsWith(`${field}[`));
    return found ? { text: found.message } : undefined;
  });
  env.addFilter('fieldId', fieldId);
  // The MOJ timeline formats its dates with this filter; ours shows them in UK time whatever the server's zone.
  env.addFilter('mojDate', (timestamp: string, type?: string) =>
    type === 'date' || type === 'shortdate' ? formatDate(String(timestamp).slice(0, 10)) : formatUkDateTime(timestamp),
  );
  /** Marks the item whose value was chosen, for GOV.UK radios and selects. */
  env.addFilter('checkedItems', (items: { value: string }[], value?: string) => items.map((i) => ({ ...i, checked: i.value === value })));
  env.addFilter('selectedItem', (items: { value: string }[], value?: string) => items.map((i) => ({ ...i, selected: i.value === value })));
  env.addFilter(
    'attendanceList',
    (rows: { agency_name: string; attendee_name: string }[]) =>
      new nunjucks.runtime.SafeString(
        `<ul class="govuk-list">${(rows ?? []).map((r) => `<li>${escapeHtml(r.agency_name)}${r.attendee_name ? `: ${escapeHtml(r.attendee_name)}` : ''}</li>`).join('')}</ul>`,
      ),
  );
  env.addFilter('driverList', (drivers: { label: string; answerLabel: string; points: number }[]) =>
    (drivers ?? []).length
      ? new nunjucks.runtime.SafeString(
          `<ul class="govuk-list">${drivers.map((d) => `<li>${escapeHtml(d.label)} (${escapeHtml(d.answerLabel.toLowerCase())}): +${d.points}</li>`).join('')}</ul>`,
        )
      : 'No indicators present',
  );
  env.addFilter('actionList', (actions: { description: string; ownerAgencyName: string; dueDate: string; statusLabel: string; ragLabel: string }[]) =>
    (actions ?? []).length
      ? new nunjucks.runtime.SafeString(
          `<ul class="govuk-list">${actions.map((a) => `<li>${escapeHtml(a.description)}: ${escapeHtml(a.ownerAgencyName)}, due ${formatDate(a.dueDate)} (${escapeHtml(a.statusLabel)}${a.ragLabel ? `, ${escapeHtml(a.ragLabel)}` : ''})</li>`).join('')}</ul>`,
        )
      : 'None',
  );
  env.addFilter('concat', (a: unknown[], b: unknown[]) => [...(a ?? []), ...(b ?? [])]);
  env.addFilter('map', (items: Record<string, unknown>[], key: string) => (items ?? []).map((i) => i[key]));
  env.addFilter('aliasNames', (aliases: { givenName: string | null; familyName: string | null }[]) =>
    (aliases ?? []).map((a) => [a.givenName, a.familyName].filter(Boolean).join(' ')).join(', '),
  );
  return env;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The id of the element an error links to: dots and brackets become dashes; dates link to their day box. */
export function fieldId(field: string): string {
  const id = field.replace(/[.[\]]+/g, '-').replace(/-$/, '');
  return /dateOfBirth$|Date$|At$/.test(field) ? `${id}-day` : id;
}
