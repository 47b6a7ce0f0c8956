// Contexts by kind and ward (issue 19.7): counts only, no child named. Readers without exact counts (scrutiny
// members) get the partnership's disclosure rule (default: 1 to 5 as `c`, with secondary suppression across the table).
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { type Cell, DEFAULT_DISCLOSURE_RULE, type DisclosureRule, describeDisclosureRule, suppressTable } from '../reports/disclosure.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import { CONTEXT_KINDS, KIND_LABELS } from './domain.ts';
import * as store from './store.ts';

export const NO_WARD = 'Ward not recorded';

/** `exact`: counts as they are; else published by `rule` (the partnership's, disclosure-rule/store.ts). */
export function byKindAndWard(
  rows: readonly { kind: string; ward: string | null; n: string | number }[],
  exact: boolean,
  rule: DisclosureRule = DEFAULT_DISCLOSURE_RULE,
) {
  const wards = [...new Set(rows.map((r) => r.ward?.trim() || NO_WARD))].sort((a, b) => (a === NO_WARD ? 1 : b === NO_WARD ? -1 : a.localeCompare(b)));
  const counts = wards.map((w) =>
    CONTEXT_KINDS.map((k) => rows.filter((r) => (r.ward?.trim() || NO_WARD) === w && r.kind === k).reduce((s, r) => s + Number(r.n), 0)),
  );
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const table: { cells: Cell[][]; rowTotals: Cell[]; columnTotals: Cell[]; grandTotal: Cell } = exact
    ? { cells: counts, rowTotals: counts.map(sum), columnTotals: CONTEXT_KINDS.map((_, j) => sum(counts.map((r) => r[j]))), grandTotal: sum(counts.map(sum)) }
    : suppressTable(counts, { rule });
  return {
    kinds: CONTEXT_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k] })),
    rows: wards.map((ward, i) => ({ ward, counts: table.cells[i], total: table.rowTotals[i] })),
    totals: { counts: table.columnTotals, total: table.grandTotal },
    suppressed: !exact,
    disclosure: exact ? null : describeDisclosureRule(rule),
  };
}

export const contextReport = useCase({
  name: 'contexts.report',
  permission: ['report', 'read'],
  input: undefined,
  async run({ db, actor }) {
    const exact = maySeeExactCounts(actor);
    const rule = exact ? DEFAULT_DISCLOSURE_RULE : await disclosureRuleFor(db, actor.partnershipId);
    return byKindAndWard(await store.countsByKindAndWard(db, actor.partnershipId), exact, rule);
  },
  audit: { none: 'counts of contexts by kind and ward: no child named' },
});
