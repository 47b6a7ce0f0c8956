// What operations reads from the database: migrations recorded, sealed events, the audit sealing backlog.
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

/** Migration names recorded as applied; none before the first start (no table yet). */
export async function appliedMigrations(db: Db): Promise<Set<string>> {
  const exists = await sql<{ t: string | null }>`select to_regclass('schema_migration')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return new Set();
  return new Set((await sql<{ name: string }>`select name from schema_migration`.execute(db)).rows.map((r) => r.name));
}

export async function anySealedEvent(db: Db): Promise<boolean> {
  return (await db.selectFrom('audit_event').select('id').where('hmac', 'is not', null).limit(1).execute()).length > 0;
}

/** Events waiting for the sealer, and how long the oldest has waited (seconds; 0 when none). */
export async function sealingBacklog(db: Db, now = new Date()): Promise<{ unsealed: number; oldestSeconds: number }> {
  const r = await sql<{ n: number; oldest: Date | string | null }>`
    select count(*)::int as n, min(at) as oldest from audit_event where seq is null`.execute(db);
  const row = r.rows[0];
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
  return { unsealed: Number(row?.n ?? 0), oldestSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000) };
}
