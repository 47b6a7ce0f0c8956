// `jigsaw audit verify | checkpoint | seal | adopt`: the administrator's side of the sealed audit trail (decision 0007).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Config } from '../../config.ts';
import type { Database } from '../db/connect.ts';
import { keyFingerprint } from './chain.ts';
import { adoptLegacy, type Checkpoint, CheckpointError, deliverCheckpoint, parseCheckpoint, takeCheckpoint } from './checkpoint.ts';
import { resolveAuditKey } from './key.ts';
import { checkAuditKey, sealAll } from './sealer.ts';
import { partnerships, verifyAudit } from './store.ts';

export const AUDIT_USAGE = `  audit verify [--checkpoint F]  check every sealed audit event (hash chain and HMAC), and that the chain reaches the
                                 checkpoint's head; reports unsealed events; exits 1 naming the first bad event
  audit checkpoint --out F | --url U   seal what is pending and write each partnership's head outside the database
  audit seal                     seal pending audit events now (a running server does this every 250 ms)
  audit adopt                    once after upgrading: give HMACs to events sealed before migration 008`;

type Print = (line: string) => void;

export async function auditCommand(database: Database, config: Config, sub: string, rest: string[], out: Print, err: Print): Promise<number> {
  const { db } = database;
  const key = resolveAuditKey(config, database);
  if (sub === 'verify') {
    const { values } = parseArgs({ args: rest, options: { checkpoint: { type: 'string' } }, strict: true });
    let cp: Checkpoint | undefined;
    if (values.checkpoint) {
      try {
        cp = parseCheckpoint(readFileSync(values.checkpoint, 'utf8'), values.checkpoint);
      } catch (e) {
        err(`Error: ${e instanceof CheckpointError ? e.message : `could not read the checkpoint ${values.checkpoint}: ${(e as Error).message}`}`);
        return 2;
      }
      if (cp.keyFingerprint !== keyFingerprint(key))
        err(`Warning: the checkpoint was taken with another audit key (${cp.keyFingerprint}, this one is ${keyFingerprint(key)}).`);
    }
    let bad = 0;
    const all = await partnerships(db);
    for (const head of cp?.heads ?? []) {
      if (!all.some((p) => p.id === head.partnershipId)) {
        bad++;
        err(`${head.partnership}: BROKEN: the checkpoint records ${head.seq} audit events of this partnership, which is no longer in the database.`);
      }
    }
    const now = Date.now();
    for (const p of all) {
      const checkpoint = cp?.heads.find((h) => h.partnershipId === p.id);
      const result = await verifyAudit(db, p.id, { key, checkpoint });
      if (result.break) {
        bad++;
        err(`${p.name}: audit trail BROKEN at event ${result.break.seq}: ${result.break.reason}`);
        continue;
      }
      const { count, oldest } = result.unsealed;
      const age = oldest ? Math.max(0, (now - oldest.getTime()) / 1000) : 0;
      const pending = count ? `; ${count} not yet sealed, the oldest ${age.toFixed(1)} s old` : '; none waiting to be sealed';
      const reached = checkpoint ? `, reaches the checkpoint of ${checkpoint.takenAt} (event ${checkpoint.seq})` : '';
      out(`${p.name}: ${result.checked} audit events, chain intact${reached}${pending}.`);
      if (age > config.auditMaxUnsealedSeconds) {
        bad++;
        err(
          `${p.name}: an audit event has waited ${age.toFixed(0)} s to be sealed (limit ${config.auditMaxUnsealedSeconds} s): is the server (its sealer) running? \`jigsaw audit seal\` seals them now.`,
        );
      }
    }
    return bad ? 1 : 0;
  }
  if (sub === 'checkpoint') {
    const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, url: { type: 'string' } }, strict: true });
    if (!values.out && !values.url) {
      err('Error: give --out FILE or --url URL: where the checkpoint is kept, out of reach of database administrators');
      return 2;
    }
    await checkAuditKey(db, key);
    await sealAll(db, key);
    const cp = await takeCheckpoint(db, key);
    try {
      await deliverCheckpoint(cp, { out: values.out, url: values.url });
    } catch (e) {
      err(`Error: the checkpoint was not delivered: ${(e as Error).message}`);
      return 1;
    }
    for (const h of cp.heads) out(`${h.partnership}: head is event ${h.seq} (${h.hash.slice(0, 16)}…, sealed event of ${h.at}).`);
    out(`Checkpoint taken at ${cp.takenAt}, written to ${[values.out, values.url].filter(Boolean).join(' and ')}.`);
    return 0;
  }
  if (sub === 'seal') {
    await checkAuditKey(db, key);
    out(`${await sealAll(db, key)} audit events sealed.`);
    return 0;
  }
  if (sub === 'adopt') {
    let failed = 0;
    for (const p of await partnerships(db)) {
      try {
        out(`${p.name}: ${await adoptLegacy(db, key, p.id)} events sealed before migration 008 given their HMAC.`);
      } catch (e) {
        failed++;
        err(`${p.name}: not adopted: ${(e as Error).message}`);
      }
    }
    return failed ? 1 : 0;
  }
  err(`Unknown command: audit ${sub}\n${AUDIT_USAGE}`);
  return 2;
}
