// Writes and reads audit events. recordAudit() must be called inside the transaction of the change it describes; it
// appends the event unsealed, taking no lock. The sealer (sealer.ts) gives events their place in the chain and their
// HMAC a moment later; `verifyAudit` checks every sealed event (decision 0007).
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { type ChainBreak, eventHmac, firstSealedBreak, GENESIS_HASH, type SealedEvent } from './chain.ts';
import { auditKeyOf } from './key.ts';
import { forTrail } from './typed.ts';

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface AuditEventInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  personId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * One insert in the caller's transaction: no lock and no read, so audited requests never wait for each other. Typed
 * text in the details (typed.ts) is stored as its digest under `key`, the audit key.
 */
export async function recordAudit(tx: Db, partnershipId: string, actor: AuditActor, input: AuditEventInput, key?: Buffer): Promise<void> {
  await tx
    .insertInto('audit_event')
    .values({
      partnership_id: partnershipId,
      at: new Date(),
      actor_id: actor.id,
      actor_label: actor.label,
      action: input.action,
      resource_type: input.resourceType,
      resource_id: input.resourceId ?? null,
      person_id: input.personId ?? null,
      details: JSON.stringify(forTrail(input.details ?? {}, key)),
    })
    .execute();
}

export interface AccessEntry {
  at: Date;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
}

/** Who looked at or changed a person's records, newest first; sealed or not yet sealed alike. */
export async function personAccessLog(db: Db, partnershipId: string, personId: string, limit = 500): Promise<AccessEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['at', 'actor_label', 'action', 'resource_type', 'resource_id'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, actorLabel: r.actor_label, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id }));
}

// ---- The sealer's statements (each inside the sealer's own transaction, never a request's) ----

export const SEALER_LOCK = 7243002;
const HEAD = 'audit_head';

/**
 * One sealer at a time across every process on this database. A timer's turn skips when another holds the lock
 * (`wait` false); a caller that must know everything committed is sealed waits for it (`wait` true).
 */
export async function lockSealer(tx: Db, wait: boolean): Promise<boolean> {
  if (wait) {
    await sql`select pg_advisory_xact_lock(${SEALER_LOCK})`.execute(tx);
    return true;
  }
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as locked`.execute(tx);
  return rows[0].locked;
}

export type UnsealedEvent = Omit<SealedEvent, 'seq' | 'prev_hash' | 'hash' | 'hmac'> & { id: number };

/** Committed, unsealed events, oldest append first. Uncommitted ones are invisible and are sealed on a later turn. */
export async function unsealedEvents(tx: Db, limit: number): Promise<UnsealedEvent[]> {
  const rows = await tx
    .selectFrom('audit_event')
    .select(['id', 'partnership_id', 'at', 'actor_id', 'actor_label', 'action', 'resource_type', 'resource_id', 'person_id', 'details'])
    .where('seq', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}

export interface ChainHead {
  seq: number;
  hash: string;
  hmac: string | null;
  at: Date;
}

/** The newest sealed event of each partnership given (absent when it has none). */
export async function chainHeads(db: Db, partnershipIds: string[]): Promise<Map<string, ChainHead>> {
  const { rows } = await sql<ChainHead & { partnership_id: string }>`
    select p.id as partnership_id, h.seq, h.hash, h.hmac, h.at
    from unnest(${partnershipIds}::uuid[]) as p(id)
    join lateral (
      select seq, hash, hmac, at from audit_event where partnership_id = p.id and seq is not null order by seq desc limit 1
    ) h on true`.execute(db);
  return new Map(rows.map((r) => [r.partnership_id, { seq: Number(r.seq), hash: r.hash, hmac: r.hmac, at: new Date(r.at) }]));
}

export interface Seal {
  id: number;
  seq: number;
  prevHash: string;
  hash: string;
  hmac: string;
}

/** Seals the events in one statement; fails (rolling the batch back) unless every one was still unsealed. */
export async function writeSeals(tx: Db, seals: Seal[], sealedAt: Date): Promise<void> {
  const { numAffectedRows } = await sql`
    update audit_event a set seq = u.seq, prev_hash = u.prev_hash, hash = u.hash, hmac = u.hmac, sealed_at = ${sealedAt}
    from unnest(${seals.map((s) => s.id)}::bigint[], ${seals.map((s) => s.seq)}::bigint[], ${seals.map((s) => s.prevHash)}::text[],
                ${seals.map((s) => s.hash)}::text[], ${seals.map((s) => s.hmac)}::text[]) as u(id, seq, prev_hash, hash, hmac)
    where a.id = u.id and a.seq is null`.execute(tx);
  if (Number(numAffectedRows) !== seals.length) throw new Error(`Sealing expected ${seals.length} unsealed audit events, found ${numAffectedRows}`);
}

/** The head is also kept apart from the chain, so deleting the newest sealed events is noticed without a checkpoint. */
export async function setHeadCounter(tx: Db, partnershipId: string, seq: number): Promise<void> {
  await tx
    .insertInto('counter')
    .values({ partnership_id: partnershipId, name: HEAD, value: seq })
    .onConflict((oc) => oc.columns(['partnership_id', 'name']).doUpdateSet({ value: seq }))
    .execute();
}

// ---- Adoption of events sealed before migration 008 (hash chain, no HMAC) ----

export async function eventsWithoutHmac(db: Db, partnershipId: string, afterSeq: number, limit: number): Promise<SealedEvent[]> {
  return sealedPage(db, partnershipId, afterSeq, limit, true);
}

export async function writeAdoptedHmacs(tx: Db, partnershipId: string, hmacs: { seq: number; hmac: string }[]): Promise<void> {
  await sql`
    update audit_event a set hmac = u.hmac, sealed_at = coalesce(a.sealed_at, now())
    from unnest(${hmacs.map((h) => h.seq)}::bigint[], ${hmacs.map((h) => h.hmac)}::text[]) as u(seq, hmac)
    where a.partnership_id = ${partnershipId} and a.seq = u.seq and a.hmac is null`.execute(tx);
}

// ---- Verification ----

async function sealedPage(db: Db, partnershipId: string, afterSeq: number, limit: number, withoutHmacOnly = false): Promise<SealedEvent[]> {
  let q = db
    .selectFrom('audit_event')
    .select([
      'partnership_id',
      'seq',
      'at',
      'actor_id',
      'actor_label',
      'action',
      'resource_type',
      'resource_id',
      'person_id',
      'details',
      'prev_hash',
      'hash',
      'hmac',
    ])
    .where('partnership_id', '=', partnershipId)
    .where('seq', '>', afterSeq);
  if (withoutHmacOnly) q = q.where('hmac', 'is', null);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map((e) => ({ ...e, seq: Number(e.seq), at: new Date(e.at), prev_hash: e.prev_hash ?? '', hash: e.hash ?? '' }));
}

export interface UnsealedSummary {
  count: number;
  oldest: Date | null;
}

export async function unsealedSummary(db: Db, partnershipId: string): Promise<UnsealedSummary> {
  const row = await db
    .selectFrom('audit_event')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where('seq', 'is', null)
    .where('partnership_id', '=', partnershipId)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest ? new Date(row.oldest) : null };
}

export async function partnerships(db: Db): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('partnership').select(['id', 'name']).orderBy('created_at').orderBy('id').execute();
}

/** A head recorded outside the database by `jigsaw audit checkpoint`. */
export interface CheckpointHead {
  partnershipId: string;
  seq: number;
  hash: string;
  hmac: string;
  takenAt: string;
}

export interface VerifyOptions {
  /** Defaults to the key given to this database handle (see key.ts). */
  key?: Buffer;
  /** The chain must reach this head with the same hash: deleting the newest events is then noticed too. */
  checkpoint?: CheckpointHead;
  pageSize?: number;
}

export interface VerifyResult {
  partnershipId: string;
  checked: number;
  break: ChainBreak | null;
  head: { seq: number; hash: string } | null;
  unsealed: UnsealedSummary;
}

export async function verifyAudit(db: Db, partnershipId: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const key = options.key ?? auditKeyOf(db);
  if (!key) throw new Error('verifyAudit needs the audit key (JIGSAW_AUDIT_KEY)');
  const pageSize = options.pageSize ?? 5000;
  const cp = options.checkpoint;
  // Read before the walk: the sealer only moves it forward, so the chain walked afterwards must reach it.
  const counted = await db.selectFrom('counter').select('value').where('partnership_id', '=', partnershipId).where('name', '=', HEAD).executeTakeFirst();
  const expected = Number(counted?.value ?? 0);
  let cursor = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  const result = (broken: ChainBreak | null, unsealed = { count: 0, oldest: null as Date | null }): VerifyResult => ({
    partnershipId,
    checked,
    break: broken,
    head: cursor.seq > 0 ? cursor : null,
    unsealed,
  });
  if (cp && cp.hmac !== eventHmac(key, cp.hash)) {
    return result({ seq: cp.seq, reason: `the checkpoint taken at ${cp.takenAt} does not carry this key's HMAC (taken with another key, or not by Jigsaw)` });
  }
  let next = sealedPage(db, partnershipId, 0, pageSize);
  for (;;) {
    const events = await next;
    if (events.length === 0) break;
    // Fetch the next page while this one is checked (a page that turns out not to be needed is dropped).
    next = sealedPage(db, partnershipId, events[events.length - 1].seq, pageSize);
    next.catch(() => {});
    const broken = firstSealedBreak(events, key, cursor);
    const atCheckpoint = cp && events.find((e) => e.seq === cp.seq);
    const differs = cp && atCheckpoint && (atCheckpoint.hash !== cp.hash || atCheckpoint.hmac !== cp.hmac);
    if (broken || differs) {
      // Let the page fetched ahead finish first: closing an embedded database with a query in flight never returns.
      await next.catch(() => {});
      return result(broken ?? { seq: cp!.seq, reason: `event ${cp!.seq} differs from the one the checkpoint taken at ${cp!.takenAt} recorded` });
    }
    checked += events.length;
    const tail = events[events.length - 1];
    cursor = { seq: tail.seq, hash: tail.hash };
  }
  if (cursor.seq < expected) return result({ seq: cursor.seq + 1, reason: `events ${cursor.seq + 1} to ${expected} are missing` });
  if (cp && cursor.seq < cp.seq) {
    return result({
      seq: cursor.seq + 1,
      reason: `events ${cursor.seq + 1} to ${cp.seq} are missing: the checkpoint taken at ${cp.takenAt} recorded event ${cp.seq}`,
    });
  }
  return result(null, await unsealedSummary(db, partnershipId));
}
