// SQL for the partnership's disclosure rule. `disclosureRuleFor` is THE loader: any use case that publishes figures
// calls it with its transaction and passes the rule to reports/disclosure.ts.
import type { Db } from '../../../platform/db/connect.ts';
import './schema.ts';
import { DEFAULT_DISCLOSURE_RULE, type DisclosureRule, isRounding } from '../disclosure.ts';

/** The partnership's rule for published figures, or the default rule (1 to 5 as `c`) when it has set none. */
export async function disclosureRuleFor(db: Db, partnershipId: string): Promise<DisclosureRule> {
  const row = await db
    .selectFrom('disclosure_rule')
    .select(['threshold', 'rounding', 'secondary'])
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirst();
  if (!row || !isRounding(row.rounding)) return { ...DEFAULT_DISCLOSURE_RULE };
  return { threshold: row.threshold, rounding: row.rounding, secondary: row.secondary };
}

export async function setDisclosureRule(tx: Db, partnershipId: string, rule: DisclosureRule, userId: string, at: Date): Promise<void> {
  const values = { threshold: rule.threshold, rounding: rule.rounding, secondary: rule.secondary, updated_by: userId, updated_at: at };
  await tx
    .insertInto('disclosure_rule')
    .values({ partnership_id: partnershipId, ...values })
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
    .execute();
}
