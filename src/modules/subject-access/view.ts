// View data for the subject access page: the review copy's sections as tables, the release log, and the
// rectification form and history.
import type { FormBody } from '../../platform/http/forms.ts';
import { one } from '../../platform/http/forms.ts';
import { type Export, recordCount } from './domain.ts';
import { fieldLabel, RECTIFIABLE_FIELDS } from './rectification.ts';
import type * as store from './store.ts';

interface Preview {
  export: Export;
  releases: Awaited<ReturnType<typeof store.releases>>;
  rectifications: Awaited<ReturnType<typeof store.rectifications>>;
}

const shown = (v: unknown) => (v == null || v === '' ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function pageView(p: Preview, form: FormBody) {
  const e = p.export;
  const chosen = one(form.field);
  return {
    person: e.person,
    generatedAt: e.generatedAt,
    records: recordCount(e),
    redactions: e.redactions,
    sections: e.sections.map((s) => ({
      table: s.table,
      title: s.title,
      records: s.records.map((r) => r.map((f) => ({ label: f.name.replaceAll('_', ' '), value: shown(f.value), redact: f.redact ?? null }))),
    })),
    releases: p.releases.map((r) => ({ ...r, formatLabel: r.format === 'json' ? 'JSON' : 'HTML' })),
    rectifications: p.rectifications.map((r) => ({ ...r, fieldLabel: fieldLabel(r.field) })),
    fields: RECTIFIABLE_FIELDS.map((f) => ({ value: f, text: fieldLabel(f), checked: f === chosen })),
    dob: { day: form['dateOfBirth-day'], month: form['dateOfBirth-month'], year: form['dateOfBirth-year'] },
    formats: [
      { value: 'html', text: 'HTML, to print or save as PDF', checked: one(form.format) !== 'json' },
      { value: 'json', text: 'JSON, for another system', checked: one(form.format) === 'json' },
    ],
  };
}
