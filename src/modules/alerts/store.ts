// SQL for cumulative concern: the partnership's rule, the concern signals and the alerts they add up to.
import type { Db } from '../../platform/db/connect.ts';
import './schema.ts';
import { type AlertKind, type CumulativeConcernRule, DEFAULT_RULE, type SignalKind } from './domain.ts';

export async function getRule(db: Db, partnershipId: string): Promise<CumulativeConcernRule> {
  const row = await db.selectFrom('alert_settings').select(['min_agencies', 'window_days']).where('partnership_id', '=', partnershipId).executeTakeFirst();
  return row ? { minAgencies: row.min_agencies, windowDays: row.window_days } : DEFAULT_RULE;
}

export async function setRule(tx: Db, partnershipId: string, rule: CumulativeConcernRule, userId: string, at: Date): Promise<void> {
  const values = { min_agencies: rule.minAgencies, window_days: rule.windowDays, updated_by: userId, updated_at: at };
  await tx
    .insertInto('alert_settings')
    .values({ partnership_id: partnershipId, ...values })
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(values))
    .execute();
}

// Where each kind of concern came from: the agency that raised it, when, and a label that names no detail.

export function referralSource(tx: Db, partnershipId: string, id: string) {
  return tx
    .selectFrom('referral')
    .select(['referring_agency_id as agencyId', 'reference', 'received_at as at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function intelligenceSource(tx: Db, partnershipId: string, id: string) {
  return tx
    .selectFrom('intel_item')
    .select(['agency_id as agencyId', 'handling', 'created_at as at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A missing episode is raised by the agency of the user who recorded it. */
export function missingSource(tx: Db, partnershipId: string, id: string) {
  return tx
    .selectFrom('missing_episode as m')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'm.partnership_id').onRef('u.id', '=', 'm.created_by'))
    .select(['u.agency_id as agencyId', 'm.reported_at as at'])
    .where('m.partnership_id', '=', partnershipId)
    .where('m.id', '=', id)
    .executeTakeFirst();
}

export function informationRequestSource(tx: Db, partnershipId: string, id: string) {
  return tx
    .selectFrom('information_request')
    .select(['agency_id as agencyId', 'answered_at as at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface SignalRow {
  id: string;
  personId: string;
  agencyId: string;
  kind: SignalKind;
  label: string;
  at: Date;
  alertId: string | null;
}

export async function insertSignal(tx: Db, partnershipId: string, s: SignalRow): Promise<void> {
  await tx
    .insertInto('concern_signal')
    .values({
      partnership_id: partnershipId,
      id: s.id,
      person_id: s.personId,
      agency_id: s.agencyId,
      kind: s.kind,
      label: s.label,
      at: s.at,
      alert_id: s.alertId,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'id']).doNothing())
    .execute();
}

/** The rule's one indexed query: the child's signals since `since` that no alert has counted yet. */
export function uncountedSignals(tx: Db, partnershipId: string, personId: string, since: Date) {
  return tx
    .selectFrom('concern_signal')
    .select(['id', 'agency_id as agencyId', 'at'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('at', '>', since)
    .where('alert_id', 'is', null)
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
}

export async function openAlertId(tx: Db, partnershipId: string, personId: string, kind: AlertKind): Promise<string | null> {
  const row = await tx
    .selectFrom('alert')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .where('dismissed_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Raises the alert unless one is open for the child (the partial unique index): its id, or null. */
export async function insertAlertOnce(
  tx: Db,
  partnershipId: string,
  a: { id: string; kind: AlertKind; personId: string; rule: CumulativeConcernRule; at: Date },
): Promise<string | null> {
  const row = await tx
    .insertInto('alert')
    .values({
      partnership_id: partnershipId,
      id: a.id,
      kind: a.kind,
      person_id: a.personId,
      min_agencies: a.rule.minAgencies,
      window_days: a.rule.windowDays,
      raised_at: a.at,
      updated_at: a.at,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'person_id', 'kind']).where('dismissed_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function attachSignals(tx: Db, partnershipId: string, alertId: string, signalIds: string[], at: Date): Promise<void> {
  if (signalIds.length === 0) return;
  await tx.updateTable('concern_signal').set({ alert_id: alertId }).where('partnership_id', '=', partnershipId).where('id', 'in', signalIds).execute();
  await tx.updateTable('alert').set({ updated_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', alertId).execute();
}

export function openAlerts(db: Db, partnershipId: string, opts: { personId?: string } = {}) {
  let q = db
    .selectFrom('alert as a')
    .innerJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.person_id'))
    .select(['a.id', 'a.kind', 'a.person_id', 'a.min_agencies', 'a.window_days', 'a.raised_at', 'a.updated_at', 'p.given_name', 'p.family_name'])
    .where('a.partnership_id', '=', partnershipId)
    .where('a.dismissed_at', 'is', null);
  if (opts.personId) q = q.where('a.person_id', '=', opts.personId);
  return q.orderBy('a.raised_at', 'desc').limit(200).execute();
}

/** The signals that added up to these alerts, oldest first, with their agencies' names. */
export function signalsOf(db: Db, partnershipId: string, alertIds: string[]) {
  if (alertIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('concern_signal as s')
    .innerJoin('agency as g', (j) => j.onRef('g.partnership_id', '=', 's.partnership_id').onRef('g.id', '=', 's.agency_id'))
    .select(['s.id', 's.alert_id', 's.agency_id', 'g.name as agency_name', 's.kind', 's.label', 's.at'])
    .where('s.partnership_id', '=', partnershipId)
    .where('s.alert_id', 'in', alertIds)
    .orderBy('s.at')
    .execute();
}

export function agencyNames(db: Db, partnershipId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('agency').select(['id', 'name']).where('partnership_id', '=', partnershipId).where('id', 'in', ids).execute();
}

export async function personName(db: Db, partnershipId: string, personId: string): Promise<string | null> {
  const p = await db
    .selectFrom('person')
    .select(['given_name', 'family_name'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', personId)
    .executeTakeFirst();
  return p ? `${p.given_name} ${p.family_name}`.trim() || null : null;
}

export function dismiss(tx: Db, partnershipId: string, id: string, userId: string, reason: string, at: Date) {
  return tx
    .updateTable('alert')
    .set({ dismissed_at: at, dismissed_by: userId, dismissed_reason: reason, updated_at: at })
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .where('dismissed_at', 'is', null)
    .returning(['id', 'kind', 'person_id'])
    .executeTakeFirst();
}

export function findAlert(db: Db, partnershipId: string, id: string) {
  return db
    .selectFrom('alert')
    .select(['id', 'kind', 'person_id', 'dismissed_at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}
