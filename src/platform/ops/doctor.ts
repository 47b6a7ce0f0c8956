// `jigsaw doctor`: checks configuration, database, migrations, audit key, mail transport and disk space, one line each,
// with what to fix for each failing check; exit code 1 when any fails. It changes nothing (no migrations, no key file).
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Config, ConfigError, loadConfig } from '../../config.ts';
import { defaultKeyFile, resolveAuditKey } from '../audit/key.ts';
import { checkAuditKey } from '../audit/sealer.ts';
import { type Database, DataDirLockedError, openDatabase } from '../db/connect.ts';
import { type Check, diskCheck, mailCheck, migrationsCheck } from './checks.ts';
import { anySealedEvent } from './store.ts';

interface Io {
  out(line: string): void;
  err(line: string): void;
}

async function auditKeyCheck(config: Config, database: Database): Promise<Check> {
  // The embedded database's key file is made at first start: its absence is only a fault once events are sealed.
  const keyFile = defaultKeyFile(config.dataDir);
  if (database.kind === 'pglite' && !config.auditKey && !config.auditKeyFile && !existsSync(keyFile)) {
    return !(await anySealedEvent(database.db))
      ? { name: 'audit key', ok: true, detail: `none yet: ${keyFile} is created at first start` }
      : {
          name: 'audit key',
          ok: false,
          detail: `the trail is sealed but ${keyFile} is missing`,
          fix: 'restore the key file from where you keep its copy, or set JIGSAW_AUDIT_KEY_FILE to it',
        };
  }
  try {
    const key = resolveAuditKey(config, database);
    await checkAuditKey(database.db, key);
    return { name: 'audit key', ok: true, detail: 'present and matches the sealed trail' };
  } catch (e) {
    return {
      name: 'audit key',
      ok: false,
      detail: (e as Error).message,
      fix: 'set JIGSAW_AUDIT_KEY or JIGSAW_AUDIT_KEY_FILE to the key the trail was sealed with (see README, Audit)',
    };
  }
}

export async function doctor(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const checks: Check[] = [];
  let config: Config | undefined;
  try {
    config = loadConfig(env);
    checks.push({ name: 'configuration', ok: true, detail: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}` });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    checks.push({ name: 'configuration', ok: false, detail: e.message, fix: 'correct that setting in the environment (README, Configuration)' });
  }
  if (config) {
    let database: Database | undefined;
    try {
      database = await openDatabase(config);
      checks.push({ name: 'database', ok: true, detail: database.kind === 'postgres' ? 'PostgreSQL reachable' : 'embedded database opened' });
    } catch (e) {
      const locked = e instanceof DataDirLockedError;
      checks.push({
        name: 'database',
        ok: locked,
        detail: locked
          ? 'in use by a running Jigsaw server (migrations and audit key not checked: ask its /ready instead)'
          : `cannot open: ${(e as Error).message}`,
        ...(locked
          ? {}
          : {
              fix: config.databaseUrl
                ? 'check DATABASE_URL (host, port, database, user, password) and that the server is running'
                : 'check JIGSAW_DATA_DIR can be written by this user',
            }),
      });
    }
    if (database) {
      try {
        checks.push(await migrationsCheck(database.db));
        checks.push(await auditKeyCheck(config, database));
      } finally {
        await database.close();
      }
    }
    checks.push(await mailCheck(config.mail));
    checks.push(diskCheck(config.databaseUrl ? process.cwd() : existsSync(config.dataDir) ? config.dataDir : dirname(config.dataDir)));
  }
  for (const c of checks) {
    io.out(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
    if (!c.ok && c.fix) io.out(`     fix: ${c.fix}`);
  }
  const failed = checks.filter((c) => !c.ok).length;
  io.out(failed === 0 ? 'All checks passed.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
  return failed === 0 ? 0 : 1;
}
