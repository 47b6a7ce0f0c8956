// The sealer: every ~250 ms it takes the committed, unsealed audit events in append order, gives each the next seq
// of its partnership's chain, the previous hash, its hash and its HMAC, in batches, in its own transaction. One runs
// in every server process; a try-lock lets only one of them seal at a time (decision 0007).
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../db/connect.ts';
import { eventHash, eventHmac, GENESIS_HASH, keyFingerprint } from './chain.ts';
import { AuditKeyError, auditKeyOf, resolveAuditKey } from './key.ts';
import { chainHeads, lockSealer, partnerships, type Seal, setHeadCounter, unsealedEvents, writeSeals } from './store.ts';

export const SEAL_BATCH = 5000;

export interface SealTurn {
  sealed: number;
  /** False when another process held the sealer lock, so this one did nothing. */
  locked: boolean;
}

/** One batch: at most `batch` events, in one transaction; skipped when another process is sealing, unless `wait`. */
export async function sealBatch(db: Db, key: Buffer, { batch = SEAL_BATCH, wait = false } = {}): Promise<SealTurn> {
  return db.transaction().execute(async (tx) => {
    if (!(await lockSealer(tx, wait))) return { sealed: 0, locked: false };
    const events = await unsealedEvents(tx, batch);
    if (events.length === 0) return { sealed: 0, locked: true };
    const heads = await chainHeads(tx, [...new Set(events.map((e) => e.partnership_id))]);
    const tips = new Map([...heads].map(([p, h]) => [p, { seq: h.seq, hash: h.hash }]));
    const seals: Seal[] = [];
    for (const e of events) {
      const tip = tips.get(e.partnership_id) ?? { seq: 0, hash: GENESIS_HASH };
      const seq = tip.seq + 1;
      const hash = eventHash({ ...e, seq, prev_hash: tip.hash });
      seals.push({ id: e.id, seq, prevHash: tip.hash, hash, hmac: eventHmac(key, hash) });
      tips.set(e.partnership_id, { seq, hash });
    }
    await writeSeals(tx, seals, new Date());
    for (const [p, tip] of tips) if (tip.seq !== heads.get(p)?.seq) await setHeadCounter(tx, p, tip.seq);
    return { sealed: seals.length, locked: true };
  });
}

/**
 * Seals everything committed so far (batch after batch); returns how many. Tests, the command line and shutdown
 * call this: it waits while another process seals, since returning then would leave events committed before the
 * call unsealed. The timer's turns pass `wait: false` and skip instead.
 */
export async function sealAll(db: Db, key = auditKeyOf(db), { wait = true } = {}): Promise<number> {
  if (!key) throw new Error('sealAll needs the audit key (JIGSAW_AUDIT_KEY)');
  let total = 0;
  for (;;) {
    const turn = await sealBatch(db, key, { wait });
    total += turn.sealed;
    if (!turn.locked || turn.sealed < SEAL_BATCH) return total;
  }
}

/**
 * Refuses a key that is not the one the existing trail was sealed with: sealing on with it would make every later
 * event look forged. Checks each partnership's newest sealed event.
 */
export async function checkAuditKey(db: Db, key: Buffer): Promise<void> {
  const all = await partnerships(db);
  const heads = await chainHeads(
    db,
    all.map((p) => p.id),
  );
  for (const p of all) {
    const head = heads.get(p.id);
    if (head?.hmac && head.hmac !== eventHmac(key, head.hash)) {
      throw new AuditKeyError(
        `The audit key (fingerprint ${keyFingerprint(key)}) is not the key ${p.name}'s audit trail was sealed with (event ${head.seq} does not match). ` +
          'Set JIGSAW_AUDIT_KEY (or restore the key file) to the key used before; if the trail was tampered with, run `jigsaw audit verify`.',
      );
    }
  }
}

export interface AuditSealer {
  start(): Promise<void>;
  /** Seals what is committed now, waiting for a turn already under way. */
  sealNow(): Promise<number>;
  /** Stops the timer and waits for a turn under way; idempotent. */
  stop(): Promise<void>;
}

export function auditSealer(
  db: Db,
  key: Buffer,
  { intervalMs = 250, onError = (e: unknown) => process.emitWarning(`Audit sealing failed: ${(e as Error).message}`) } = {},
): AuditSealer {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let turn: Promise<number> = Promise.resolve(0);
  const seal = (wait: boolean) => {
    turn = turn.then(
      () => sealAll(db, key, { wait }),
      () => sealAll(db, key, { wait }),
    );
    return turn;
  };
  const schedule = () => {
    if (!running) return;
    timer = setTimeout(async () => {
      try {
        await seal(false);
      } catch (e) {
        onError(e);
      }
      schedule();
    }, intervalMs);
    timer.unref();
  };
  return {
    async start() {
      if (running) return;
      await checkAuditKey(db, key);
      running = true;
      schedule();
    },
    sealNow: () => seal(true),
    async stop() {
      running = false;
      clearTimeout(timer);
      await turn.catch(() => 0);
    },
  };
}

/** The sealer of a web server: checked and started when the app is ready, stopped when it closes. */
export function auditSealing(app: FastifyInstance, database: Database, config: Config): AuditSealer {
  const sealer = auditSealer(database.db, resolveAuditKey(config, database), {
    intervalMs: config.auditSealIntervalMs,
    onError: (e) => app.log.error({ err: e }, 'audit sealing failed; retrying'),
  });
  app.addHook('onReady', () => sealer.start());
  app.addHook('onClose', () => sealer.stop());
  return sealer;
}

/**
 * After a command-line command: seal what it recorded. On PostgreSQL with no key configured this does nothing (a
 * server's sealer will); any other problem is thrown for the command line to report.
 */
export async function sealBeforeExit(database: Database, config: Config): Promise<number> {
  if (database.kind === 'postgres' && !config.demo && !config.auditKey && !config.auditKeyFile && !auditKeyOf(database.db)) return 0;
  const key = resolveAuditKey(config, database);
  await checkAuditKey(database.db, key);
  return sealAll(database.db, key);
}
