// The checks `jigsaw doctor` runs and `/ready` shares (migrations applied): each says what is wrong and what to do.
import { readdirSync, statfsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MailConfig } from '../../config.ts';
import type { Db } from '../db/connect.ts';
import { appliedMigrations } from './store.ts';

export interface Check {
  name: string;
  ok: boolean;
  /** What was found. */
  detail: string;
  /** What to do about it, when not ok. */
  fix?: string;
}

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), '../db/migrations');

/** Migration files not yet recorded in schema_migration (all of them before the first start). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const done = await appliedMigrations(db);
  return readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql') && !done.has(f))
    .sort();
}

export async function migrationsCheck(db: Db): Promise<Check> {
  const pending = await pendingMigrations(db);
  return pending.length === 0
    ? { name: 'migrations', ok: true, detail: 'all applied' }
    : {
        name: 'migrations',
        ok: false,
        detail: `${pending.length} not applied (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''})`,
        fix: 'run jigsaw migrate (jigsaw serve also applies them at start)',
      };
}

/** Connects to the SMTP server and says hello (no mail is sent); GOV.UK Notify's key format was checked with the configuration. */
export async function mailCheck(mail: MailConfig | null, timeoutMs = 5000): Promise<Check> {
  if (!mail)
    return { name: 'mail', ok: true, detail: 'not configured: notifications stay in the app (set JIGSAW_SMTP_URL or JIGSAW_NOTIFY_API_KEY to e-mail them)' };
  if (mail.transport === 'notify') return { name: 'mail', ok: true, detail: `GOV.UK Notify at ${mail.baseUrl} (key format checked; not contacted)` };
  const url = new URL(mail.smtpUrl);
  const where = `${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 25)}`;
  // nodemailer's SMTP transport reads `url` like a connection string, with the timeouts beside it.
  const { default: nodemailer } = await import('nodemailer');
  const t = nodemailer.createTransport({ url: mail.smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs } as never);
  try {
    await t.verify();
    return { name: 'mail', ok: true, detail: `SMTP server at ${where} answered` };
  } catch (e) {
    return {
      name: 'mail',
      ok: false,
      detail: `SMTP server at ${where} did not accept a connection (${(e as { code?: string }).code ?? (e as Error).message})`,
      fix: 'check JIGSAW_SMTP_URL (host, port, user and password) and that this machine may reach the server',
    };
  } finally {
    t.close();
  }
}

const GB = 1024 ** 3;

/** Free space where the data (or, on PostgreSQL, the working folder for backups) is written. */
export function diskCheck(path: string, minFreeBytes = GB): Check {
  let free: number;
  try {
    const s = statfsSync(path);
    free = s.bavail * s.bsize;
  } catch (e) {
    return {
      name: 'disk space',
      ok: false,
      detail: `cannot read ${path} (${(e as Error).message})`,
      fix: 'create the folder or set JIGSAW_DATA_DIR to one that exists',
    };
  }
  const gb = (free / GB).toFixed(1);
  return free >= minFreeBytes
    ? { name: 'disk space', ok: true, detail: `${gb} GB free in ${path}` }
    : {
        name: 'disk space',
        ok: false,
        detail: `only ${gb} GB free in ${path}`,
        fix: `free space or move JIGSAW_DATA_DIR: at least ${(minFreeBytes / GB).toFixed(0)} GB is needed for the database to grow and for backups`,
      };
}
