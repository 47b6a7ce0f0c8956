// The audit key: held outside the database, so that someone who can write to the database cannot re-seal a rewritten
// trail. JIGSAW_AUDIT_KEY (or JIGSAW_AUDIT_KEY_FILE); for the embedded database (and demo mode) a key file beside
// the data directory, created with mode 0600 at first start. PostgreSQL without a key refuses to start.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../../config.ts';

export class AuditKeyError extends ConfigError {}

export interface AuditKeySettings {
  auditKey?: string;
  auditKeyFile?: string;
  dataDir: string;
  demo: boolean;
}

const HEX_KEY = /^(?:[0-9a-fA-F]{2}){32,}$/;

export function parseAuditKey(text: string, from: string): Buffer {
  const hex = text.trim();
  if (!HEX_KEY.test(hex)) throw new AuditKeyError(`${from} must hold at least 64 hexadecimal characters (32 bytes), e.g. from \`openssl rand -hex 32\``);
  return Buffer.from(hex, 'hex');
}

/** The key file the embedded database uses when no key is set: beside the data directory, not inside it. */
export const defaultKeyFile = (dataDir: string) => `${dataDir.replace(/[/\\]+$/, '')}.audit-key`;

function readKeyFile(path: string): Buffer {
  const mode = statSync(path).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new AuditKeyError(`The audit key file ${path} can be read by other users (mode ${mode.toString(8)}): run chmod 600 ${path}`);
  }
  return parseAuditKey(readFileSync(path, 'utf8'), `The audit key file ${path}`);
}

/** Reads the key file, creating it (0600, never overwriting) when it does not exist yet. */
function keyFileCreatedIfMissing(path: string): Buffer {
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  return readKeyFile(path);
}

// Keys given to a database handle directly: the test database helper, and benchmarks.
const given = new WeakMap<object, Buffer>();

export function useAuditKey(db: object, key: Buffer): void {
  given.set(db, key);
}

export function auditKeyOf(db: object): Buffer | undefined {
  return given.get(db);
}

/**
 * The audit key for this database: a key given to the handle, JIGSAW_AUDIT_KEY, JIGSAW_AUDIT_KEY_FILE, or (embedded
 * database or demo mode) the key file beside the data directory. Throws AuditKeyError with what to do otherwise.
 */
export function resolveAuditKey(settings: AuditKeySettings, database: { db: object; kind: 'pglite' | 'postgres' }): Buffer {
  const key = auditKeyOf(database.db) ?? findKey(settings, database.kind);
  useAuditKey(database.db, key);
  return key;
}

function findKey(settings: AuditKeySettings, kind: 'pglite' | 'postgres'): Buffer {
  if (settings.auditKey) return parseAuditKey(settings.auditKey, 'JIGSAW_AUDIT_KEY');
  if (settings.auditKeyFile) {
    try {
      return readKeyFile(settings.auditKeyFile);
    } catch (err) {
      if (err instanceof AuditKeyError) throw err;
      throw new AuditKeyError(`Could not read JIGSAW_AUDIT_KEY_FILE ${settings.auditKeyFile}: ${(err as Error).message}`);
    }
  }
  if (kind === 'pglite' || settings.demo) return keyFileCreatedIfMissing(defaultKeyFile(settings.dataDir));
  throw new AuditKeyError(
    'JIGSAW_AUDIT_KEY is not set. With PostgreSQL (DATABASE_URL) the audit trail is sealed with a key held outside the database: ' +
      'set JIGSAW_AUDIT_KEY to 64 hexadecimal characters (`openssl rand -hex 32`), or JIGSAW_AUDIT_KEY_FILE to a file holding them, ' +
      'and keep a copy where database administrators cannot reach it. Without it `audit verify` cannot tell a forged event from a real one.',
  );
}
