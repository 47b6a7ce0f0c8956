// Pure hash-chain rules: what an event's hash covers, so `audit verify` recomputes exactly what was written, and the
// HMAC that only the holder of the audit key can compute (decision 0007).
import { createHash, createHmac } from 'node:crypto';

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

/** The canonical JSON of an event's chained fields, keys in sorted order (what `canonicalJson` would give, faster). */
export function chainedJson(e: ChainedFields): string {
  const str = JSON.stringify;
  return (
    `{"action":${str(e.action)},"actor_id":${str(e.actor_id)},"actor_label":${str(e.actor_label)},"at":${str(e.at.toISOString())},` +
    `"details":${canonicalJson(e.details)},"partnership_id":${str(e.partnership_id)},"person_id":${str(e.person_id)},` +
    `"prev_hash":${str(e.prev_hash)},"resource_id":${str(e.resource_id)},"resource_type":${str(e.resource_type)},"seq":${str(e.seq)}}`
  );
}

export function eventHash(e: ChainedFields): string {
  return createHash('sha256').update(chainedJson(e)).digest('hex');
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

/**
 * The seal of an event: HMAC-SHA256 of its hash under the audit key. The hash covers the previous hash, so one
 * valid HMAC vouches for the event and everything before it; without the key a rewritten chain cannot be re-sealed.
 */
export function eventHmac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`jigsaw-audit-v1\n${hash}`).digest('hex');
}

/** A short public name for a key (an HMAC of a constant), so messages can say which key without revealing it. */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('jigsaw-audit-key-fingerprint').digest('hex').slice(0, 16);
}

export interface SealedEvent extends ChainedFields {
  hash: string;
  hmac: string | null;
}

/**
 * Checks sealed events given in seq order: numbering, links, hashes and HMACs; returns the first break or null.
 * An attacker who rewrites an event and recomputes every later hash passes the hash checks but not the HMAC one.
 */
export function firstSealedBreak(events: Iterable<SealedEvent>, key: Buffer, start = { seq: 0, hash: GENESIS_HASH }): ChainBreak | null {
  let expectedSeq = start.seq + 1;
  let prevHash = start.hash;
  for (const e of events) {
    if (e.seq !== expectedSeq) return { seq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${e.seq})` };
    if (e.prev_hash !== prevHash) return { seq: e.seq, reason: `event ${e.seq} does not follow event ${e.seq - 1} (previous hash differs)` };
    if (eventHash(e) !== e.hash) return { seq: e.seq, reason: `event ${e.seq} was altered (its contents no longer match its hash)` };
    if (e.hmac === null)
      return { seq: e.seq, reason: `event ${e.seq} has no HMAC (sealed before migration 008: run \`jigsaw audit adopt\` once after upgrading)` };
    if (eventHmac(key, e.hash) !== e.hmac) {
      return { seq: e.seq, reason: `event ${e.seq} was forged: its HMAC does not match (rewritten without the audit key, or sealed with another key)` };
    }
    prevHash = e.hash;
    expectedSeq++;
  }
  return null;
}
