// Where the audit key comes from, and the refusals: PostgreSQL with no key, a malformed key, a key file others can read.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.ts';
import { AuditKeyError, defaultKeyFile, resolveAuditKey } from './key.ts';

const dir = mkdtempSync(join(tmpdir(), 'jigsaw-key-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const handle = (kind: 'pglite' | 'postgres') => ({ db: {}, kind });
const HEX = 'ab'.repeat(32);

test('PostgreSQL without a key outside demo mode is refused, saying what to set', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://x/y', JIGSAW_DATA_DIR: join(dir, 'pg') });
  assert.throws(
    () => resolveAuditKey(config, handle('postgres')),
    (e: Error) => e instanceof AuditKeyError && e instanceof ConfigError && /JIGSAW_AUDIT_KEY is not set\. With PostgreSQL/.test(e.message),
  );
  assert.equal(resolveAuditKey(loadConfig({ DATABASE_URL: 'postgres://x/y', JIGSAW_AUDIT_KEY: HEX }), handle('postgres')).toString('hex'), HEX);
});

test('a malformed JIGSAW_AUDIT_KEY fails when settings are read', () => {
  assert.throws(() => loadConfig({ JIGSAW_AUDIT_KEY: 'not-hex' }), /at least 64 hexadecimal characters/);
  assert.throws(() => loadConfig({ JIGSAW_AUDIT_KEY: 'ab'.repeat(16) }), /at least 64 hexadecimal characters/);
});

test('the embedded database creates its key file once, mode 0600, beside the data directory, and keeps it', () => {
  const dataDir = join(dir, 'data');
  const config = loadConfig({ JIGSAW_DATA_DIR: dataDir });
  const first = resolveAuditKey(config, handle('pglite'));
  assert.equal(defaultKeyFile(dataDir), `${dataDir}.audit-key`);
  assert.equal(statSync(`${dataDir}.audit-key`).mode & 0o777, 0o600);
  assert.equal(readFileSync(`${dataDir}.audit-key`, 'utf8').trim(), first.toString('hex'));
  assert.deepEqual(resolveAuditKey(config, handle('pglite')), first, 'the same key at the next start');
  chmodSync(`${dataDir}.audit-key`, 0o644);
  assert.throws(() => resolveAuditKey(config, handle('pglite')), /can be read by other users \(mode 644\): run chmod 600/);
});

test('demo mode on PostgreSQL uses the key file too; JIGSAW_AUDIT_KEY_FILE is read, never created', () => {
  const dataDir = join(dir, 'demo');
  resolveAuditKey(loadConfig({ DATABASE_URL: 'postgres://x/y', JIGSAW_DATA_DIR: dataDir }, { demo: true }), handle('postgres'));
  assert.equal(statSync(`${dataDir}.audit-key`).mode & 0o777, 0o600);
  const file = join(dir, 'given.key');
  assert.throws(
    () => resolveAuditKey(loadConfig({ DATABASE_URL: 'postgres://x/y', JIGSAW_AUDIT_KEY_FILE: file }), handle('postgres')),
    /Could not read JIGSAW_AUDIT_KEY_FILE/,
  );
  writeFileSync(file, `${HEX}\n`, { mode: 0o600 });
  assert.equal(resolveAuditKey(loadConfig({ DATABASE_URL: 'postgres://x/y', JIGSAW_AUDIT_KEY_FILE: file }), handle('postgres')).toString('hex'), HEX);
});
