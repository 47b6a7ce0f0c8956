// SQL for the repeat-missing rule and its alerts.
import type { Db } from '../../../platform/db/connect.ts';
import { DEFAULT_REPEAT_MISSING_RULE, type RepeatMissingRule } from '../episodes.ts';

export async function getRule(db: Db, partnershipId: string): Promise<RepeatMissingRule> {
  const row = await db.selectFrom('missing_rule').select(['episodes', 'within_days']).where('partnership_id', '=', partnershipId).executeTakeFirst();
  return row ? { episodes: row.episodes, withinDays: row.within_days } : DEFAULT_REPEAT_MISSING_RULE;
}

export async function setRule(tx: Db, partnershipId: string, rule: RepeatMissingRule, userId: string): Promise<void> {
  const values = { episodes: rule.episodes, within_days: rule.withinDays, updated_by: userId, updated_at: new Date() };
  await tx
    .insertInto('missing_rule')
    .values({ partnership_id: partnershipId, ...values })
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
    .execute();
}

export async function insertAlert(tx: Db, partnershipId: string, id: string, personId: string, episodeId: string, rule: RepeatMissingRule): Promise<void> {
  await tx
    .insertInto('repeat_missing_alert')
    .values({ partnership_id: partnershipId, id, person_id: personId, episode_id: episodeId, rule_episodes: rule.episodes, rule_within_days: rule.withinDays })
    .execute();
}

export function alerts(db: Db, partnershipId: string, opts: { personId?: string; openOnly?: boolean; agencyId?: string | null; limit?: number }) {
  let q = db
    .selectFrom('repeat_missing_alert as a')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.person_id'))
    .select([
      'a.id',
      'a.person_id',
      'a.episode_id',
      'a.rule_episodes',
      'a.rule_within_days',
      'a.created_at',
      'a.acknowledged_at',
      'p.given_name',
      'p.family_name',
    ])
    .where('a.partnership_id', '=', partnershipId);
  if (opts.personId) q = q.where('a.person_id', '=', opts.personId);
  if (opts.openOnly) q = q.where('a.acknowledged_at', 'is', null);
  if (opts.agencyId) {
    const agencyId = opts.agencyId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person_agency as pa')
          .select('pa.agency_id')
          .whereRef('pa.partnership_id', '=', 'a.partnership_id')
          .whereRef('pa.person_id', '=', 'a.person_id')
          .where('pa.agency_id', '=', agencyId),
      ),
    );
  }
  return q
    .orderBy('a.created_at', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
}

export async function acknowledgeAlert(tx: Db, partnershipId: string, id: string, userId: string) {
  return tx
    .updateTable('repeat_missing_alert')
    .set({ acknowledged_at: new Date(), acknowledged_by: userId })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .returning(['person_id'])
    .executeTakeFirst();
}
