// The rules every module keeps (docs/decisions/0006): routes name their use cases, use cases declare permission and
// audit, SQL only in stores, no hand-written audit calls, platform knows no module, files stay small.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { PERMISSIONS } from '../src/platform/access/policy.ts';
import type { AnyUseCase } from '../src/platform/usecase/usecase.ts';
import { type World, world } from './fixtures.ts';

let w: World;
before(async () => {
  w = await world();
});
after(() => w?.close());

const isStatic = (url: string) => /^\/(assets|stylesheets|javascripts)\//.test(url);
const SIGNED_OUT = new Set(['public', 'partial']);
const resources = new Set(Object.values(PERMISSIONS).flatMap((m) => Object.keys(m)));

test('every signed-in route names the use cases it runs, and each declares a permission and its audit', () => {
  const faults: string[] = [];
  const seen = new Set<AnyUseCase>();
  for (const r of w.app.routeInventory) {
    if (isStatic(r.url) || SIGNED_OUT.has(r.auth ?? '')) continue;
    const key = `${r.method} ${r.url}`;
    if (r.useCases.length === 0 && !r.why) faults.push(`${key}: declares no use case`);
    for (const uc of r.useCases) seen.add(uc);
  }
  for (const uc of seen) {
    const [resource, action] = uc.permission ?? [];
    if (!resource || !action || !resources.has(resource)) faults.push(`${uc.name}: no permission from the policy matrix`);
    const audit = uc.audit as Record<string, unknown> | undefined;
    if (!audit) faults.push(`${uc.name}: no audit declaration`);
    else if ('none' in audit && !(typeof audit.none === 'string' && audit.none.length > 5)) faults.push(`${uc.name}: audit none without a reason`);
    else if (!('none' in audit) && typeof audit.subject !== 'function') faults.push(`${uc.name}: audit without a subject`);
  }
  assert.deepEqual(faults, []);
  assert.ok(seen.size > 20, `expected the modules' use cases, found ${seen.size}`);
});

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}
const source = files('src').map((path) => ({ path: relative('.', path), text: readFileSync(path, 'utf8') }));

test('SQL appears only in stores and platform/db', () => {
  const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql(<[^>]*>)?`/;
  const allowed = (p: string) => /(^|\/)store\.ts$/.test(p) || p.startsWith('src/platform/db/');
  assert.deepEqual(
    source.filter((f) => !allowed(f.path) && SQL.test(f.text)).map((f) => f.path),
    [],
  );
});

test('audit events are written only by the use-case helper', () => {
  const calls = source.filter((f) => /\brecordAudit\(/.test(f.text) && !['src/platform/usecase/run.ts', 'src/platform/audit/store.ts'].includes(f.path));
  assert.deepEqual(
    calls.map((f) => f.path),
    [],
  );
});

test('platform/ imports nothing from modules/ (types included)', () => {
  const bad = source.filter((f) => f.path.startsWith('src/platform/') && /from '[^']*(\/modules\/|services\.ts)/.test(f.text));
  assert.deepEqual(
    bad.map((f) => f.path),
    [],
  );
});

test('no file in src/ over 400 lines without a reason at its top', () => {
  const long = source.filter((f) => f.text.split('\n').length > 400 && !/^\/\/ .*\(over 400 lines: .+\)/.test(f.text));
  assert.deepEqual(
    long.map((f) => `${f.path}: ${f.text.split('\n').length} lines`),
    [],
  );
});

test('access is decided in the policy: no role comparisons outside it', () => {
  const ROLE_TEST = /\.role\s*[!=]==|\brole\s*[!=]==\s*'|can\(\s*\w+\.role|scopeFor\(/;
  const bad = source.filter((f) => !f.path.startsWith('src/platform/access/') && ROLE_TEST.test(f.text));
  assert.deepEqual(
    bad.map((f) => f.path),
    [],
  );
});
