// The Exploitation Panel pack for a period: themes (categories), hotspots by ward, the problem profile (victims by
// age band and sex, persons of concern, locations by type) and disruption by tactic. Built only from intelligence
// the reader may see; exact counts only for those who may see them (rules.maySeeExactCounts), published figures
// (the partnership's disclosure rule, reports/disclosure.ts; default 1 to 5 shown as `c`) for everyone else, for whole months that have
// ended only (reports/domain publishedPeriodErrors), so that two packs a day apart cannot be subtracted.
import { may, maySeeExactCounts, restrictedViewer } from '../../../platform/access/rules.ts';
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { Period, periodErrors } from '../../../platform/http/schemas.ts';
import { ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { ageOn } from '../../people/domain.ts';
import { disclosureRuleFor } from '../../reports/disclosure-rule/store.ts';
import { type Cell, describeDisclosureRule, publishedPeriodErrors, type SuppressedTable, suppressCount, suppressTable } from '../../reports/domain.ts';
import { ageBand } from '../domain.ts';
import * as store from '../store.ts';
import { AGE_BANDS, CATEGORIES, CATEGORY_LABELS, DEFAULT_WARDS, LOCATION_TYPE_LABELS, LOCATION_TYPES } from '../vocab.ts';
import { disruptionByTactic } from './disruption.ts';

/** A table as counted: cells with their totals, in the shape disclosure control gives. */
function exactTable(cells: readonly (readonly number[])[]): SuppressedTable {
  const sum = (xs: readonly number[]) => xs.reduce((n, x) => n + x, 0);
  const columns = (cells[0] ?? []).map((_, j) => sum(cells.map((r) => r[j])));
  return { cells: cells.map((r) => [...r]), rowTotals: cells.map(sum), columnTotals: columns, grandTotal: sum(columns) };
}

const SEXES = ['female', 'male', 'unknown'] as const;

export const getPanelPack = useCase({
  name: 'intelligence.panelPack',
  permission: ['intelligence', 'read'],
  input: Period,
  async run(ctx, p) {
    const { db, actor, now } = ctx;
    const exact = maySeeExactCounts(actor);
    const errors = periodErrors(p);
    if (errors.length === 0 && !exact) errors.push(...publishedPeriodErrors(p, ukDate(now)));
    if (errors.length > 0) throw new ValidationProblem(errors);
    const rule = exact ? null : await disclosureRuleFor(db, actor.partnershipId);
    const table = (cells: readonly (readonly number[])[]) => (rule ? suppressTable(cells, { rule }) : exactTable(cells));
    const count = (n: number): Cell => (rule ? suppressCount(n, rule) : n);
    const v = restrictedViewer(actor);
    const [people, locations, categories, wardRows] = await Promise.all([
      store.profilePeople(db, actor.partnershipId, v, p.from, p.to),
      store.profileLocations(db, actor.partnershipId, v, p.from, p.to),
      store.profileCategories(db, actor.partnershipId, v, p.from, p.to),
      store.hotspots(db, actor.partnershipId, v, p.from, p.to),
    ]);
    const victims = new Map<string, { dob: string | null; sex: string | null }>();
    const offenders = new Set<string>();
    for (const r of people) {
      if (r.link_role === 'victim') victims.set(r.entity_id, { dob: r.date_of_birth, sex: r.sex });
      if (r.link_role === 'person_of_concern') offenders.add(r.entity_id);
    }
    const victimTable = table(
      AGE_BANDS.map((band) =>
        SEXES.map((sex) => [...victims.values()].filter((x) => ageBand(x.dob ? ageOn(x.dob, p.to) : null) === band && (x.sex ?? 'unknown') === sex).length),
      ),
    );
    const catTable = table(CATEGORIES.map((c) => [categories.find((r) => r.category === c)?.n ?? 0]));
    const locTable = table(LOCATION_TYPES.map((t) => [locations.find((r) => r.location_type === t)?.n ?? 0]));
    const wardTable = table(DEFAULT_WARDS.map((w) => CATEGORIES.map((c) => wardRows.find((r) => r.ward === w && r.category === c)?.concerns ?? 0)));
    let disruption: { label: string; total: Cell }[] = [];
    let disruptionTotal: Cell = 0;
    if (may(actor, 'disruption', 'read')) {
      const byTactic = await disruptionByTactic(ctx, p);
      const t = table(byTactic.map((x) => [x.total]));
      disruption = byTactic.map((x, i) => ({ label: x.label, total: t.cells[i][0] }));
      disruptionTotal = t.grandTotal;
    }
    return {
      ...p,
      published: !exact,
      disclosure: rule ? describeDisclosureRule(rule) : null,
      themes: { rows: CATEGORIES.map((c, i) => ({ label: CATEGORY_LABELS[c], n: catTable.cells[i][0] })), total: catTable.grandTotal },
      hotspots: {
        categories: CATEGORIES.map((c) => CATEGORY_LABELS[c]),
        rows: DEFAULT_WARDS.map((w, i) => ({ ward: w, cells: wardTable.cells[i], total: wardTable.rowTotals[i] })),
        columnTotals: wardTable.columnTotals,
        total: wardTable.grandTotal,
      },
      victims: {
        sexes: ['Female', 'Male', 'Not known'],
        rows: AGE_BANDS.map((b, i) => ({ band: b, cells: victimTable.cells[i], total: victimTable.rowTotals[i] })),
        columnTotals: victimTable.columnTotals,
        total: victimTable.grandTotal,
      },
      offenders: count(offenders.size),
      locations: { rows: LOCATION_TYPES.map((t, i) => ({ label: LOCATION_TYPE_LABELS[t], n: locTable.cells[i][0] })), total: locTable.grandTotal },
      disruption: { rows: disruption, total: disruptionTotal },
    };
  },
  audit: { read: 'panel_pack.viewed', subject: (_pack, p) => ({ type: 'report', details: { from: p.from, to: p.to } }) },
});
