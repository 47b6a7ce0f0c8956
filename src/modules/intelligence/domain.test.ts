// Pure intelligence rules: grading, registrations, the handling rule, link validation, network and commonality shaping.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageBand, canSee, parseGrading, registrationFormat, shapeCommonalities, shapeNetwork, validateDisruption, validateItem, validateLink, DEFAULT_TACTICS, type NetLink } from './domain.ts';

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

test('canSee: P to all who read intelligence; C to police intelligence, the recording agency and those released to', () => {
  const p = { handling: 'P', agencyId: 'police', releaseRoles: [], releaseAgencyIds: [] };
  const c = { ...p, handling: 'C' };
  assert.equal(canSee({ role: 'hub_member', agencyId: 'hub' }, p), true);
  assert.equal(canSee({ role: 'practitioner', agencyId: 'police' }, p), false);
  assert.equal(canSee({ role: 'hub_member', agencyId: 'hub' }, c), false);
  assert.equal(canSee({ role: 'police_intelligence', agencyId: 'other' }, c), true);
  assert.equal(canSee({ role: 'hub_member', agencyId: 'police' }, c), true);
  assert.equal(canSee({ role: 'hub_member', agencyId: 'hub' }, { ...c, releaseRoles: ['hub_member'] }), true);
  assert.equal(canSee({ role: 'hub_coordinator', agencyId: 'hub' }, { ...c, releaseAgencyIds: ['hub'] }), true);
  assert.equal(canSee({ role: 'practitioner', agencyId: 'hub' }, { ...c, releaseAgencyIds: ['hub'] }), false);
});

test('links: not to itself, a known type, dates in order', () => {
  assert.deepEqual(validateLink({ from: 'a', to: 'b', type: 'seen_at' }), []);
  assert.ok(validateLink({ from: 'a', to: 'a', type: 'seen_at' }).some((e) => e.field === 'to'));
  assert.ok(validateLink({ from: 'a', to: 'b', type: 'knows' }).some((e) => e.field === 'type'));
  assert.ok(validateLink({ from: 'a', to: 'b', type: 'seen_at', since: '2026-02-01', until: '2026-01-31' }).some((e) => e.field === 'until'));
  assert.ok(validateLink({ from: 'a', to: 'b', type: 'seen_at', since: '2026-02-30' }).some((e) => e.field === 'since'));
});

test('items: C needs conditions; the date is not in the future', () => {
  const ok = { summary: 'x', category: 'cse', occurredOn: '2026-01-01', grading: '2BP' };
  assert.deepEqual(validateItem(ok, '2026-02-01').errors, []);
  assert.ok(validateItem({ ...ok, grading: '2BC' }, '2026-02-01').errors.some((e) => e.field === 'handlingConditions'));
  assert.ok(validateItem({ ...ok, occurredOn: '2026-03-01' }, '2026-02-01').errors.some((e) => e.field === 'occurredOn'));
  assert.ok(validateItem({ ...ok, grading: '9ZZ' }, '2026-02-01').errors.some((e) => e.field === 'grading'));
});

const link = (id: string, from: string, to: string): NetLink => ({ id, from, to, type: 'associate_of', fromRole: null, toRole: null, since: null, until: null, grading: '2BP', category: 'cse', occurredOn: '2026-01-01' });

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

test('age bands and disruption validation', () => {
  assert.equal(ageBand(9), 'Under 10');
  assert.equal(ageBand(12), '10 to 12');
  assert.equal(ageBand(15), '13 to 15');
  assert.equal(ageBand(17), '16 to 17');
  assert.equal(ageBand(null), 'Not known');
  const d = { tactic: 'hotel_notice', targetEntityId: 'x', ownerAgencyId: 'y', startedOn: '2026-01-01', status: 'planned' };
  assert.deepEqual(validateDisruption(d, DEFAULT_TACTICS, 'location'), []);
  assert.ok(validateDisruption(d, DEFAULT_TACTICS, 'vehicle').some((e) => e.field === 'targetEntityId'));
  assert.ok(validateDisruption({ ...d, endedOn: '2025-12-31' }, DEFAULT_TACTICS, 'location').some((e) => e.field === 'endedOn'));
});
