// Writes and reads audit events. record() must be called inside the transaction of the change it describes.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { type ChainBreak, eventHash, firstBreak, GENESIS_HASH } from './chain.ts';

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

export async function recordAudit(tx: Db, partnershipId: string, actor: AuditActor, input: AuditEventInput): Promise<void> {
  // One writer at a time per partnership keeps the chain linear; the lock ends with the transaction.
  await sql`select pg_advisory_xact_lock(hashtext(${partnershipId}))`.execute(tx);
  const last = await tx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const fields = {
    partnership_id: partnershipId,
    seq: (last?.seq ?? 0) + 1,
    at: new Date(),
    actor_id: actor.id,
    actor_label: actor.label,
    action: input.action,
    resource_type: input.resourceType,
    resource_id: input.resourceId ?? null,
    person_id: input.personId ?? null,
    details: input.details ?? {},
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await tx
    .insertInto('audit_event')
    .values({ ...fields, details: JSON.stringify(fields.details), hash: eventHash(fields) })
    .execute();
  // The head is kept apart from the chain so that deleting the newest events is detected too.
  await tx
    .insertInto('counter')
    .values({ partnership_id: partnershipId, name: HEAD, value: fields.seq })
    .onConflict((oc) => oc.columns(['partnership_id', 'name']).doUpdateSet({ value: fields.seq }))
    .execute();
}

const HEAD = 'audit_head';

export interface VerifyResult {
  partnershipId: string;
  checked: number;
  break: ChainBreak | null;
}

export async function verifyAudit(db: Db, partnershipId: string, pageSize = 5000): Promise<VerifyResult> {
  let cursor = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('partnership_id', '=', partnershipId)
      .where('seq', '>', cursor.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (page.length === 0) {
      const head = await db
        .selectFrom('counter')
        .select('value')
        .where('partnership_id', '=', partnershipId)
        .where('name', '=', HEAD)
        .executeTakeFirst();
      const expected = head?.value ?? 0;
      if (cursor.seq < expected) {
        return { partnershipId, checked, break: { seq: cursor.seq + 1, reason: `events ${cursor.seq + 1} to ${expected} are missing` } };
      }
      return { partnershipId, checked, break: null };
    }
    const events = page.map((e) => ({ ...e, at: new Date(e.at) }));
    const broken = firstBreak(events, cursor);
    if (broken) return { partnershipId, checked, break: broken };
    checked += page.length;
    const tail = page[page.length - 1];
    cursor = { seq: tail.seq, hash: tail.hash };
  }
}

export interface AccessEntry {
  at: Date;
  actorLabel: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
}

export async function personAccessLog(db: Db, partnershipId: string, personId: string, limit = 500): Promise<AccessEntry[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['at', 'actor_label', 'action', 'resource_type', 'resource_id'])
    .where('partnership_id', '=', partnershipId)
    .where('person_id', '=', personId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ at: r.at, actorLabel: r.actor_label, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id }));
}
