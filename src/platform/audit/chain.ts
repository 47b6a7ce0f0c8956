// Pure hash-chain rules: what an event's hash covers, so `audit verify` recomputes exactly what was written.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  partnership_id: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  details: unknown;
  prev_hash: string;
}

/** JSON with object keys sorted at every depth: jsonb does not keep key order, so the hash must not depend on it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventHash(e: ChainedFields): string {
  const fields: Record<keyof ChainedFields, unknown> = {
    partnership_id: e.partnership_id,
    seq: e.seq,
    at: e.at.toISOString(),
    actor_id: e.actor_id,
    actor_label: e.actor_label,
    action: e.action,
    resource_type: e.resource_type,
    resource_id: e.resource_id,
    person_id: e.person_id,
    details: e.details,
    prev_hash: e.prev_hash,
  };
  const body = canonicalJson(fields);
  return createHash('sha256').update(body).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

/** Checks events given in seq order; returns the first break or null. */
export function firstBreak(events: Iterable<ChainedFields & { hash: string }>, start = { seq: 0, hash: GENESIS_HASH }): ChainBreak | null {
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${e.seq})` };
    if (e.prev_hash !== prevHash) return { seq: e.seq, reason: `event ${e.seq} does not follow event ${e.seq - 1} (previous hash differs)` };
    if (eventHash(e) !== e.hash) return { seq: e.seq, reason: `event ${e.seq} was altered (its contents no longer match its hash)` };
    prevHash = e.hash;
    expectedSeq++;
  }
  return null;
}
