// The one place the problem profile applies disclosure control (src/modules/reports/disclosure.ts with the
// partnership's own rule), so the page and the Word file show the same figures: exact for those the policy allows
// (report read_exact: rules.maySeeExactCounts), the partnership's rule for everyone else.
// - A table whose records each fall in one cell: protected as a whole (suppressTable: small counts hidden and, when
//   the rule says so, further cells where the totals would reveal them).
// - Distinct children and separate figures (cells need not add up to the totals): each figure on its own.

import type { Actor } from '../../platform/access/actor.ts';
import { maySeeExactCounts } from '../../platform/access/rules.ts';
import type { Db } from '../../platform/db/connect.ts';
import { type DisclosureRule, describeDisclosureRule, suppressCount, suppressTable } from '../reports/disclosure.ts';
import { disclosureRuleFor } from '../reports/disclosure-rule/store.ts';
import type { CountedTable, ShownTable } from './domain.ts';

export interface Disclosure {
  exact: boolean;
  /** In words, for the page's and the file's opening note. */
  description: string;
  show(t: CountedTable): ShownTable;
}

export async function disclosureFor(db: Db, actor: Actor): Promise<Disclosure> {
  if (maySeeExactCounts(actor)) {
    return {
      exact: true,
      description: 'Exact figures: not for publication. Apply the partnership’s disclosure control before this leaves the partnership.',
      show: (t) => t,
    };
  }
  const rule = await disclosureRuleFor(db, actor.partnershipId);
  return { exact: false, description: `Published figures: ${describeDisclosureRule(rule)}.`, show: (t) => published(t, rule) };
}

/** A table under the rule (exported for tests: the same function the use case applies). */
export function published(t: CountedTable, rule: DisclosureRule): ShownTable {
  if (t.additive) {
    const s = suppressTable(t.cells, { rule });
    return { ...t, cells: s.cells, rowTotals: s.rowTotals, columnTotals: t.columnTotals.length ? s.columnTotals : [], total: s.grandTotal };
  }
  const one = (n: number) => suppressCount(n, rule);
  return { ...t, cells: t.cells.map((r) => r.map(one)), rowTotals: t.rowTotals.map(one), columnTotals: t.columnTotals.map(one), total: one(t.total) };
}
