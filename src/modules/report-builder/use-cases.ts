// The report builder's use cases: build an ad hoc report, open a saved one (with the viewer's own access), save one,
// and keep the partnership's referrer groups. Reports are counts (no child named): their reads audit nothing.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/access/actor.ts';
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type FieldError, notFound, ValidationProblem } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import { publishedPeriodErrors } from '../reports/domain.ts';
import { nameErrors, normaliseSpec, type ReportSpec, specErrors } from './domain.ts';
import { BuildInput, GroupInput, OpenInput, SaveInput } from './schemas.ts';
import * as store from './store.ts';
import { type ReportView, reportView } from './view.ts';

/** Checks the specification (and, for published figures, that the period is whole months that have ended). */
function checked(spec: unknown, exact: boolean, now: Date): ReportSpec {
  const errors = specErrors(spec as Record<string, unknown>);
  const s = spec as ReportSpec;
  if (errors.length === 0 && !exact) errors.push(...publishedPeriodErrors({ from: s.from, to: s.to }, ukDate(now)));
  if (errors.length) throw new ValidationProblem(errors);
  return normaliseSpec({ ...s, dimensions: s.dimensions ?? [] });
}

async function build(
  db: Db,
  actor: Actor,
  now: Date,
  spec: unknown,
  publish: boolean | undefined,
  saved?: { name: string; title: string },
): Promise<ReportView> {
  const exact = maySeeExactCounts(actor) && publish !== true;
  const s = checked(spec, exact, now);
  const [raw, names, rule] = await Promise.all([
    store.runReport(db, actor.partnershipId, s),
    store.labels(db, actor.partnershipId),
    disclosureRuleFor(db, actor.partnershipId),
  ]);
  return reportView(s, raw, names, { exact, rule, name: saved?.name, title: saved?.title });
}

export const buildReport = useCase({
  name: 'report_builder.build',
  permission: ['report_builder', 'read'],
  input: BuildInput,
  noTransaction: true,
  run: ({ db, actor, now }, { spec, publish }) => build(db, actor, now, spec, publish),
  audit: { none: 'counts by measure and breakdown, no child named' },
});

export const openSavedReport = useCase({
  name: 'report_builder.open',
  permission: ['report_builder', 'read'],
  input: OpenInput,
  noTransaction: true,
  async run({ db, actor, now }, { name, publish }) {
    const row = await store.findSavedReport(db, actor.partnershipId, name);
    if (!row) throw notFound('The saved report');
    return build(db, actor, now, row.spec, publish, { name: row.name, title: row.title });
  },
  audit: { none: 'counts by measure and breakdown, no child named' },
});

export const listSavedReports = useCase({
  name: 'report_builder.list',
  permission: ['report_builder', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }) {
    return (await store.listSavedReports(db, actor.partnershipId)).map((r) => ({
      name: r.name,
      title: r.title,
      spec: r.spec,
      updatedAt: r.updated_at.toISOString(),
    }));
  },
  audit: { none: 'names and specifications of saved reports' },
});

/** JSON with keys sorted (jsonb keeps its own key order), so that equal specifications compare equal. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v as object)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
const sameSpec = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** Saves under a name; the same name, title and specification again (a double submission) changes nothing. */
export const saveReport = useCase({
  name: 'report_builder.save',
  permission: ['report_builder', 'create'],
  input: SaveInput,
  async run({ db, actor }, { name, title, spec, replace }) {
    const errors: FieldError[] = nameErrors(name, title);
    const specProblems = specErrors(spec).map((e) => ({ ...e, field: `spec.${e.field}` }));
    if (errors.length || specProblems.length) throw new ValidationProblem([...errors, ...specProblems]);
    const s = normaliseSpec({ ...(spec as ReportSpec), dimensions: (spec.dimensions ?? []) as ReportSpec['dimensions'] });
    const existing = await store.findSavedReport(db, actor.partnershipId, name);
    if (existing && existing.title === title.trim() && sameSpec(existing.spec, s)) return { name, title: existing.title, id: existing.id, changed: false };
    if (existing && !replace) throw new ValidationProblem([{ field: 'name', message: `A report called ${name} is already saved: choose another name` }]);
    const row = await store.upsertSavedReport(db, actor.partnershipId, { id: randomUUID(), name, title: title.trim(), spec: s, by: actor.userId });
    return { name: row.name, title: row.title, id: row.id, changed: true };
  },
  audit: {
    change: 'saved_report.saved',
    subject: (r) => (r.changed ? { type: 'saved_report', id: r.id, details: { name: r.name, title: r.title } } : null),
  },
});

export const listReferrerGroups = useCase({
  name: 'report_builder.referrer_groups',
  permission: ['referrer_group', 'read'],
  input: undefined,
  noTransaction: true,
  async run({ db, actor }) {
    return (await store.listReferrerGroups(db, actor.partnershipId)).map((g) => ({ id: g.id, name: g.name, agencyIds: g.agency_ids }));
  },
  audit: { none: 'groups of agencies, no child named' },
});

/** A group by name: new, or the existing one of that name given exactly these agencies (each leaves any other group). */
export const saveReferrerGroup = useCase({
  name: 'report_builder.save_referrer_group',
  permission: ['referrer_group', 'manage'],
  input: GroupInput,
  async run({ db, actor }, { name, agencyIds }) {
    const errors: FieldError[] = [];
    const clean = name.trim();
    if (!clean) errors.push({ field: 'name', message: 'Enter a name for the group' });
    const known = await store.agencyIds(db, actor.partnershipId);
    agencyIds.forEach((id, i) => {
      if (!known.has(id)) errors.push({ field: `agencyIds[${i}]`, message: 'Choose agencies of this partnership' });
    });
    if (agencyIds.length === 0) errors.push({ field: 'agencyIds', message: 'Choose at least one agency' });
    if (errors.length) throw new ValidationProblem(errors);
    const ids = [...new Set(agencyIds)].sort();
    const found = await store.findReferrerGroupByName(db, actor.partnershipId, clean);
    if (found) {
      const current = (await store.listReferrerGroups(db, actor.partnershipId)).find((g) => g.id === found.id);
      if (current && current.name === clean && sameSpec([...current.agency_ids].sort(), ids))
        return { id: found.id, name: clean, agencyIds: ids, changed: false };
    }
    const id = found?.id ?? randomUUID();
    await store.saveReferrerGroup(db, actor.partnershipId, { id, name: clean, agencyIds: ids, isNew: !found });
    return { id, name: clean, agencyIds: ids, changed: true };
  },
  audit: {
    change: 'referrer_group.saved',
    subject: (r) => (r.changed ? { type: 'referrer_group', id: r.id, details: { name: r.name, agencies: r.agencyIds.length } } : null),
  },
});
