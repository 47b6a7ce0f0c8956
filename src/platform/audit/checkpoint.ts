// Checkpoints: each partnership's newest sealed event (seq, hash, HMAC, time) written outside the database, to a file
// or a witness server. `audit verify --checkpoint` then also notices the newest events being deleted, which the chain
// alone cannot show (decision 0007).
import { renameSync, writeFileSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { eventHash, eventHmac, GENESIS_HASH, keyFingerprint } from './chain.ts';
import { type CheckpointHead, chainHeads, eventsWithoutHmac, partnerships, writeAdoptedHmacs } from './store.ts';

export const CHECKPOINT_FORMAT = 'jigsaw-audit-checkpoint/1';

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  takenAt: string;
  /** Names the key (an HMAC of a constant), so a checkpoint taken with another key is recognised. */
  keyFingerprint: string;
  heads: (CheckpointHead & { partnership: string; at: string })[];
}

export async function takeCheckpoint(db: Db, key: Buffer, now = new Date()): Promise<Checkpoint> {
  const all = await partnerships(db);
  const heads = await chainHeads(
    db,
    all.map((p) => p.id),
  );
  const takenAt = now.toISOString();
  const list: Checkpoint['heads'] = [];
  for (const p of all) {
    const h = heads.get(p.id);
    if (h?.hmac) list.push({ partnershipId: p.id, partnership: p.name, seq: h.seq, hash: h.hash, hmac: h.hmac, at: h.at.toISOString(), takenAt });
  }
  return { format: CHECKPOINT_FORMAT, takenAt, keyFingerprint: keyFingerprint(key), heads: list };
}

/** Writes the checkpoint to a file (replaced whole, never half written) or POSTs it as JSON to a witness. */
export async function deliverCheckpoint(cp: Checkpoint, to: { out?: string; url?: string }): Promise<void> {
  const body = `${JSON.stringify(cp, null, 2)}\n`;
  if (to.out) {
    const tmp = `${to.out}.tmp-${process.pid}`;
    writeFileSync(tmp, body, { mode: 0o644 });
    renameSync(tmp, to.out);
  }
  if (to.url) {
    const res = await fetch(to.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`The checkpoint server at ${to.url} answered ${res.status} ${res.statusText}`);
  }
}

export class CheckpointError extends Error {}

export function parseCheckpoint(text: string, from: string): Checkpoint {
  let cp: Checkpoint;
  try {
    cp = JSON.parse(text);
  } catch (e) {
    throw new CheckpointError(`${from} is not a checkpoint: ${(e as Error).message}`);
  }
  const okHead = (h: CheckpointHead) =>
    typeof h?.partnershipId === 'string' && Number.isInteger(h.seq) && h.seq > 0 && /^[0-9a-f]{64}$/.test(h.hash) && /^[0-9a-f]{64}$/.test(h.hmac);
  if (cp?.format !== CHECKPOINT_FORMAT || !Array.isArray(cp.heads) || !cp.heads.every(okHead)) {
    throw new CheckpointError(`${from} is not a ${CHECKPOINT_FORMAT} checkpoint`);
  }
  for (const h of cp.heads) h.takenAt = cp.takenAt;
  return cp;
}

/**
 * Gives the HMAC to events sealed before migration 008 (hash chain only), once, after checking their hash chain from
 * the start. They must be the oldest events of the chain. Returns how many were adopted; throws on a broken chain.
 */
export async function adoptLegacy(db: Db, key: Buffer, partnershipId: string, pageSize = 5000): Promise<number> {
  let cursor = { seq: 0, hash: GENESIS_HASH };
  let adopted = 0;
  for (;;) {
    const page = await eventsWithoutHmac(db, partnershipId, cursor.seq, pageSize);
    if (page.length === 0) return adopted;
    const hmacs: { seq: number; hmac: string }[] = [];
    for (const e of page) {
      if (e.seq !== cursor.seq + 1)
        throw new Error(`event ${cursor.seq + 1} is not an event sealed before migration 008 (next without an HMAC is ${e.seq}); nothing after it adopted`);
      if (e.prev_hash !== cursor.hash || eventHash(e) !== e.hash)
        throw new Error(`event ${e.seq} breaks the hash chain; nothing after it adopted (run \`jigsaw audit verify\`)`);
      hmacs.push({ seq: e.seq, hmac: eventHmac(key, e.hash) });
      cursor = { seq: e.seq, hash: e.hash };
    }
    await db.transaction().execute((tx) => writeAdoptedHmacs(tx, partnershipId, hmacs));
    adopted += hmacs.length;
  }
}
