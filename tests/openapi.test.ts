// The OpenAPI document describes the API as it is: every operation, named schemas, an example for every request
// body; and the README's API table lists every operation.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { TSchema } from '@sinclair/typebox';
import { inputErrors } from '../src/platform/http/input.ts';
import { type World, world } from './fixtures.ts';

let w: World;
let spec: {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> } }>>;
  components?: { schemas?: Record<string, unknown> };
};
before(async () => {
  w = await world();
  spec = (await w.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
after(() => w?.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = () =>
  Object.entries(spec.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => METHODS.includes(m))
      .map((m) => ({ key: `${m.toUpperCase()} ${path}`, op: ops[m] })),
  );

test('every API route is documented', () => {
  const documented = new Set(operations().map((o) => o.key));
  const routes = w.app.routeInventory.filter((r) => r.url.startsWith('/api/v1/')).map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
  assert.deepEqual(
    routes.filter((r) => !documented.has(r)),
    [],
  );
  assert.ok(documented.size >= 33, `${documented.size} operations`);
});

test('component schemas are named, not numbered', () => {
  const names = Object.keys(spec.components?.schemas ?? {});
  assert.ok(names.length > 0);
  assert.deepEqual(
    names.filter((n) => /^(def-|Schema)\d+$/.test(n)),
    [],
  );
});

test('every request body has an example', () => {
  const missing = operations()
    .filter(({ op }) => op.requestBody)
    .filter(({ op }) => {
      const json = op.requestBody?.content['application/json'];
      const schema = json?.schema as { examples?: unknown[]; example?: unknown; $ref?: string } | undefined;
      const resolved = schema?.$ref ? (spec.components?.schemas?.[schema.$ref.split('/').pop() as string] as typeof schema) : schema;
      return !(json?.example || json?.examples || resolved?.examples || resolved?.example);
    })
    .map((o) => o.key);
  assert.deepEqual(missing, []);
});

test('every request-body example is valid against its schema', () => {
  const invalid = operations()
    .filter(({ op }) => op.requestBody)
    .flatMap(({ key, op }) => {
      const json = op.requestBody?.content['application/json'];
      const schema = json?.schema as { examples?: unknown[]; example?: unknown; $ref?: string } | undefined;
      const resolved = (schema?.$ref ? spec.components?.schemas?.[schema.$ref.split('/').pop() as string] : schema) as typeof schema;
      const mediaExamples = json?.examples ? Object.values(json.examples as Record<string, { value: unknown }>).map((e) => e.value) : [];
      const examples = [
        ...(resolved?.examples ?? []),
        ...(resolved?.example ? [resolved.example] : []),
        ...(json?.example ? [json.example] : []),
        ...mediaExamples,
      ];
      assert.ok(examples.length > 0, `${key} has no example`);
      // The components go along, so that the schema's references (#/components/schemas/...) resolve.
      const root = { ...resolved, components: spec.components } as unknown as TSchema;
      return examples.flatMap((example, i) => inputErrors(root, example).map((e) => `${key} example ${i + 1}: ${e.field}: ${e.message}`));
    });
  assert.deepEqual(invalid, []);
});

test('the README’s API table lists every operation', () => {
  const readme = readFileSync('README.md', 'utf8');
  const api = readme.slice(readme.indexOf('## The API'));
  const missing = operations()
    .map((o) => o.key)
    .filter((k) => !api.includes(`\`${k}`));
  assert.deepEqual(missing, []);
});
