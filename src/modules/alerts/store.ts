// SQL for cumulative concern: the partnership's rule, the concern signals and the alerts they add up to.
import type { Db } from '../../platform/db/connect.ts';
import './schema.ts';
import { type AlertKind, type CumulativeConcernRule, DEFAULT_RULE, type SignalKind, type Subject, subjectColumn, subjectId } from './domain.ts';

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

/** A context's referral is raised by the agency of the user who referred it, when it was opened. */
export function contextReferralSource(tx: Db, partnershipId: string, contextId: string) {
  return tx
    .selectFrom('context as c')
    .innerJoin('app_user as u', (j) => j.onRef('u.partnership_id', '=', 'c.partnership_id').onRef('u.id', '=', 'c.opened_by'))
    .select(['u.agency_id as agencyId', 'c.opened_at as at'])
    .where('c.partnership_id', '=', partnershipId)
    .where('c.id', '=', contextId)
    .executeTakeFirst();
}

/** The contexts an intelligence item names: its links' entities that are contexts. */
export async function contextsNamedByItem(tx: Db, partnershipId: string, itemId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('intel_link as l')
    .innerJoin('context as c', (j) =>
      j
        .onRef('c.partnership_id', '=', 'l.partnership_id')
        .on((eb) => eb.or([eb('c.id', '=', eb.ref('l.from_entity')), eb('c.id', '=', eb.ref('l.to_entity'))])),
    )
    .select('c.id')
    .distinct()
    .where('l.partnership_id', '=', partnershipId)
    .where('l.item_id', '=', itemId)
    .execute();
  return rows.map((r) => r.id);
}

export interface SignalRow {
  id: string;
  personId: string | null;
  contextId: string | null;
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
      context_id: s.contextId,
      agency_id: s.agencyId,
      kind: s.kind,
      label: s.label,
      at: s.at,
      alert_id: s.alertId,
    })
    .onConflict((oc) => oc.columns(['partnership_id', 'id']).doNothing())
    .execute();
}

/** The rule's one indexed query: the child's (or context's) signals since `since` that no alert has counted yet. */
export function uncountedSignals(tx: Db, partnershipId: string, subject: Subject, since: Date) {
  return tx
    .selectFrom('concern_signal')
    .select(['id', 'agency_id as agencyId', 'at'])
    .where('partnership_id', '=', partnershipId)
    .where(subjectColumn(subject), '=', subjectId(subject))
    .where('at', '>', since)
    .where('alert_id', 'is', null)
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
}

export async function openAlertId(tx: Db, partnershipId: string, subject: Subject, kind: AlertKind): Promise<string | null> {
  const row = await tx
    .selectFrom('alert')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where(subjectColumn(subject), '=', subjectId(subject))
    .where('kind', '=', kind)
    .where('dismissed_at', 'is', null)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Raises the alert unless one is open for the child or context (the partial unique indexes): its id, or null. */
export async function insertAlertOnce(
  tx: Db,
  partnershipId: string,
  a: { id: string; kind: AlertKind; subject: Subject; rule: CumulativeConcernRule; at: Date },
): Promise<string | null> {
  const row = await tx
    .insertInto('alert')
    .values({
      partnership_id: partnershipId,
      id: a.id,
      kind: a.kind,
      person_id: a.subject.personId ?? null,
      context_id: a.subject.contextId ?? null,
      min_agencies: a.rule.minAgencies,
      window_days: a.rule.windowDays,
      raised_at: a.at,
      updated_at: a.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['partnership_id', subjectColumn(a.subject), 'kind'])
        .where('dismissed_at', 'is', null)
        .doNothing(),
    )
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
    .leftJoin('person as p', (j) => j.onRef('p.partnership_id', '=', 'a.partnership_id').onRef('p.id', '=', 'a.person_id'))
    .leftJoin('context as c', (j) => j.onRef('c.partnership_id', '=', 'a.partnership_id').onRef('c.id', '=', 'a.context_id'))
    .select([
      'a.id',
      'a.kind',
      'a.person_id',
      'a.context_id',
      'a.min_agencies',
      'a.window_days',
      'a.raised_at',
      'a.updated_at',
      'p.given_name',
      'p.family_name',
      'c.name as context_name',
    ])
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
    .returning(['id', 'kind', 'person_id', 'context_id'])
    .executeTakeFirst();
}

export function findAlert(db: Db, partnershipId: string, id: string) {
  return db
    .selectFrom('alert')
    .select(['id', 'kind', 'person_id', 'context_id', 'dismissed_at'])
    .where('partnership_id', '=', partnershipId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function contextName(db: Db, partnershipId: string, contextId: string): Promise<string | null> {
  const c = await db.selectFrom('context').select('name').where('partnership_id', '=', partnershipId).where('id', '=', contextId).executeTakeFirst();
  return c?.name ?? null;
}

/** The events of a context's alerts (raised, dismissed), oldest first, for the context's chronology. */
export async function contextAlertEvents(db: Db, partnershipId: string, contextId: string) {
  const ids = await db.selectFrom('alert').select('id').where('partnership_id', '=', partnershipId).where('context_id', '=', contextId).execute();
  if (ids.length === 0) return [];
  return db
    .selectFrom('domain_event')
    .select(['name', 'at', 'changes'])
    .where('partnership_id', '=', partnershipId)
    .where('subject_type', '=', 'alert')
    .where(
      'subject_id',
      'in',
      ids.map((r) => r.id),
    )
    .orderBy('at')
    .execute();
}

// ---- a person merge (decision 0024 "Merged records") ----

export const MERGED_REASON = 'Its child’s record was merged into another: what added up joined the open alert of the record kept';

/**
 * Moves the merged-away person's signals and alerts to the surviving person. With an alert open on both, the
 * survivor's stays open: the other's signals join it and the other is closed with MERGED_REASON. The merged
 * person's uncounted signals (no alert counted them) stay uncounted: the caller checks the rule again.
 */
export async function moveToSurvivor(tx: Db, partnershipId: string, mergedId: string, survivingId: string, kind: AlertKind, by: string | null, at: Date) {
  const mergedOpen = await openAlertId(tx, partnershipId, { personId: mergedId }, kind);
  const survivorOpen = await openAlertId(tx, partnershipId, { personId: survivingId }, kind);
  if (mergedOpen && survivorOpen) {
    await tx
      .updateTable('concern_signal')
      .set({ alert_id: survivorOpen })
      .where('partnership_id', '=', partnershipId)
      .where('alert_id', '=', mergedOpen)
      .execute();
    await tx
      .updateTable('alert')
      .set({ dismissed_at: at, dismissed_by: by, dismissed_reason: MERGED_REASON, updated_at: at })
      .where('partnership_id', '=', partnershipId)
      .where('id', '=', mergedOpen)
      .execute();
    await tx.updateTable('alert').set({ updated_at: at }).where('partnership_id', '=', partnershipId).where('id', '=', survivorOpen).execute();
  }
  const alerts = await tx
    .updateTable('alert')
    .set({ person_id: survivingId })
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', mergedId)
    .returning('id')
    .execute();
  const signals = await tx
    .updateTable('concern_signal')
    .set({ person_id: survivingId })
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', mergedId)
    .returning('id')
    .execute();
  return {
    movedAlerts: alerts.length,
    movedSignals: signals.length,
    joined: mergedOpen && survivorOpen ? { closed: mergedOpen, kept: survivorOpen } : null,
    open: survivorOpen ?? mergedOpen,
  };
}
