// The README stays true: it opens with the two commands, and documents every setting and every role.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ROLES } from '../src/platform/access/policy.ts';

const readme = readFileSync('README.md', 'utf8');

test('the README opens with the start and test commands', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  assert.match(firstBlock.split('\n')[0], /npm start/);
  assert.match(firstBlock.split('\n')[1], /npm test/);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  assert.match(pkg.scripts.start, /serve --demo/);
});

test('every environment variable the code reads is documented', () => {
  const code = ['src/config.ts', 'src/app.ts', 'src/cli.ts', 'src/platform/db/testing.ts'].map((f) => readFileSync(f, 'utf8')).join('\n');
  const names = new Set([...code.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)/g), ...code.matchAll(/(?:int|bool)\(env, '([A-Z0-9_]+)'/g)].map((m) => m[1]));
  assert.ok(names.has('JIGSAW_REQUIRE_MFA') && names.has('DATABASE_URL'), 'the scan finds settings');
  for (const name of names) assert.match(readme, new RegExp(`\`${name}\``), `${name} is not in the README`);
});

test('every role is documented', () => {
  for (const role of ROLES) assert.match(readme, new RegExp(`\`${role}\``), role);
});

test('the README says which Node.js it needs, as package.json does', () => {
  const engines = JSON.parse(readFileSync('package.json', 'utf8')).engines.node as string;
  const major = /^>=\s*(\d+)/.exec(engines)?.[1];
  assert.ok(major, `engines.node is "${engines}"`);
  assert.match(readme, new RegExp(`needs Node\\.js ${major} or later`));
});
