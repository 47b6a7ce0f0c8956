// Pure intelligence rules: grading, registrations, the handling rule, what a report must make sense of, network and
// commonality shaping, disruption rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../platform/access/actor.ts';
import type { Role } from '../../platform/access/policy.ts';
import { maySeeRestricted } from '../../platform/access/rules.ts';
import {
  ageBand,
  disruptionErrors,
  itemErrors,
  linkErrors,
  type NetLink,
  parseGrading,
  recordErrors,
  registrationFormat,
  shapeCommonalities,
  shapeNetwork,
} from './domain.ts';
import type { EntityRefInput, RecordIntelligence } from './schemas.ts';
import { DEFAULT_TACTICS } from './vocab.ts';

test('3x5x2 gradings parse; anything else is refused', () => {
  assert.deepEqual(parseGrading('2BC'), { source: 2, intelligence: 'B', handling: 'C' });
  assert.deepEqual(parseGrading(' 1ap '), { source: 1, intelligence: 'A', handling: 'P' });
  for (const bad of ['4BC', '2FC', '2BX', '2B', '22BC', '', null, 3]) assert.equal(parseGrading(bad), null, String(bad));
});

test('UK registration formats: current, prefix, suffix and dateless', () => {
  assert.equal(registrationFormat('ZX19 ZQA'), 'current');
  assert.equal(registrationFormat('z123 abc'), 'prefix');
  assert.equal(registrationFormat('ABC 123D'), 'suffix');
  assert.equal(registrationFormat('ZZ 1234'), 'dateless');
  assert.equal(registrationFormat('1234 ZZ'), 'dateless');
  for (const bad of ['NOT A PLATE', 'AB12CDEF', '12345', 'A-B']) assert.equal(registrationFormat(bad), null, bad);
});

test('maySeeRestricted: P to all; C to police intelligence, the recording agency and the roles and agencies released to', () => {
  const as = (role: Role, agencyId: string): Actor => ({
    role,
    agencyId,
    userId: 'u',
    partnershipId: 'p',
    name: 'Test',
    email: 't@example.org',
    via: 'session',
  });
  const p = { handling: 'P', agencyId: 'police', releaseRoles: [], releaseAgencyIds: [] };
  const c = { ...p, handling: 'C' };
  assert.equal(maySeeRestricted(as('hub_member', 'hub'), p), true);
  assert.equal(maySeeRestricted(as('hub_member', 'hub'), c), false);
  assert.equal(maySeeRestricted(as('manager', 'hub'), c), false);
  assert.equal(maySeeRestricted(as('police_intelligence', 'other'), c), true);
  assert.equal(maySeeRestricted(as('hub_member', 'police'), c), true);
  assert.equal(maySeeRestricted(as('hub_member', 'hub'), { ...c, releaseRoles: ['hub_member'] }), true);
  assert.equal(maySeeRestricted(as('hub_coordinator', 'hub'), { ...c, releaseAgencyIds: ['hub'] }), true);
});

const refs = new Map<string, EntityRefInput>([
  ['a', { ref: 'a', kind: 'location', label: 'A', locationType: 'park' }],
  ['b', { ref: 'b', kind: 'location', label: 'B', locationType: 'park' }],
  ['g1', { ref: 'g1', personId: 'same' }],
  ['g2', { ref: 'g2', personId: 'same' }],
]);

test('links: between two different entities of the report, dates in order', () => {
  assert.deepEqual(linkErrors({ from: 'a', to: 'b', type: 'seen_at' }, 0, refs), []);
  assert.deepEqual(
    linkErrors({ from: 'a', to: 'a', type: 'seen_at' }, 3, refs).map((e) => e.field),
    ['links[3].to'],
  );
  assert.deepEqual(
    linkErrors({ from: 'g1', to: 'g2', type: 'seen_with' }, 0, refs).map((e) => e.field),
    ['links[0].to'],
    'the same person by two references',
  );
  assert.deepEqual(
    linkErrors({ from: 'a', to: 'x', type: 'seen_at' }, 0, refs).map((e) => e.field),
    ['links[0].to'],
  );
  assert.deepEqual(
    linkErrors({ from: 'a', to: 'b', type: 'seen_at', since: '2026-02-01', until: '2026-01-31' }, 1, refs).map((e) => e.field),
    ['links[1].until'],
  );
});

test('items: C needs conditions; the date is not in the future; a 3x5x2 grading', () => {
  const ok: RecordIntelligence = { summary: 'x', category: 'cse', occurredOn: '2026-01-01', grading: '2BP', entities: [], links: [] };
  assert.deepEqual(itemErrors(ok, '2026-02-01'), []);
  assert.ok(itemErrors({ ...ok, grading: '2BC' }, '2026-02-01').some((e) => e.field === 'handlingConditions'));
  assert.ok(itemErrors({ ...ok, occurredOn: '2026-03-01' }, '2026-02-01').some((e) => e.field === 'occurredOn'));
  assert.ok(itemErrors({ ...ok, grading: '9ZZ' }, '2026-02-01').some((e) => e.field === 'grading'));
  assert.ok(itemErrors({ ...ok, summary: '   ' }, '2026-02-01').some((e) => e.field === 'summary'));
});

test('a report: each entity its own fields, references used once', () => {
  const r: RecordIntelligence = {
    summary: 'x',
    category: 'cse',
    occurredOn: '2026-01-01',
    grading: '2BP',
    entities: [{ ref: 'car', kind: 'vehicle', registration: 'NOT A PLATE' }, { ref: 'car', kind: 'phone', phoneNumber: 'abc' }, { ref: 'x' }],
    links: [{ from: 'car', to: 'x', type: 'seen_with' }],
  };
  assert.deepEqual(
    recordErrors(r, '2026-02-01').map((e) => e.field),
    ['entities[0].registration', 'entities[1].ref', 'entities[1].phoneNumber', 'entities[2].kind'],
  );
  const confirmed = {
    ...r,
    entities: [
      { ref: 'car', kind: 'vehicle' as const, registration: 'NOT A PLATE', registrationConfirmed: true },
      { ref: 'x', personId: 'p' },
    ],
  };
  assert.deepEqual(recordErrors(confirmed, '2026-02-01'), []);
});

const link = (id: string, from: string, to: string): NetLink => ({
  id,
  from,
  to,
  type: 'associate_of',
  fromRole: null,
  toRole: null,
  since: null,
  until: null,
  grading: '2BP',
  category: 'cse',
  occurredOn: '2026-01-01',
});

test('network shaping: distances by breadth-first search, depth bound, node cap with truncation', () => {
  const links = [link('1', 'c', 'a'), link('2', 'a', 'b'), link('3', 'b', 'z'), link('4', 'd', 'c')];
  const two = shapeNetwork('c', links, 2, 500);
  assert.deepEqual(Object.fromEntries(two.distance), { c: 0, a: 1, d: 1, b: 2 });
  assert.deepEqual(two.links.map((l) => l.id).sort(), ['1', '2', '4']);
  assert.equal(two.truncated, false);
  const capped = shapeNetwork('c', links, 2, 2);
  assert.equal(capped.distance.size, 2);
  assert.equal(capped.truncated, true);
});

test('commonalities: entities linked to two or more of the chosen, not the chosen themselves', () => {
  const pairs = [
    { seed: 'g1', other: 'car' },
    { seed: 'g2', other: 'car' },
    { seed: 'g2', other: 'hotel' },
    { seed: 'g1', other: 'g2' },
    { seed: 'g2', other: 'car' },
  ];
  assert.deepEqual(shapeCommonalities(['g1', 'g2', 'g3'], pairs), [{ entityId: 'car', linkedTo: ['g1', 'g2'] }]);
});

test('age bands and disruption rules', () => {
  assert.equal(ageBand(9), 'Under 10');
  assert.equal(ageBand(12), '10 to 12');
  assert.equal(ageBand(15), '13 to 15');
  assert.equal(ageBand(17), '16 to 17');
  assert.equal(ageBand(null), 'Not known');
  const d = { tactic: 'hotel_notice', startedOn: '2026-01-01', status: 'planned' as const };
  assert.deepEqual(disruptionErrors(d, DEFAULT_TACTICS, 'location'), []);
  assert.ok(disruptionErrors(d, DEFAULT_TACTICS, 'vehicle').some((e) => e.field === 'targetEntityId'));
  assert.ok(
    disruptionErrors(d, DEFAULT_TACTICS, null).some((e) => e.field === 'targetEntityId'),
    'a target the user may not know of',
  );
  assert.ok(disruptionErrors({ ...d, endedOn: '2025-12-31' }, DEFAULT_TACTICS, 'location').some((e) => e.field === 'endedOn'));
  assert.ok(disruptionErrors({ ...d, status: 'completed' }, DEFAULT_TACTICS, 'location').some((e) => e.field === 'outcome'));
});
