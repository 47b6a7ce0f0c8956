import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, eventHash, firstBreak, GENESIS_HASH } from './chain.ts';

function chain(n: number) {
  const events = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = { partnership_id: 'p', seq, at: new Date(Date.UTC(2026, 0, 1, 0, seq)), actor_id: null, actor_label: 'x', action: 'person.viewed', resource_type: 'person', resource_id: `${seq}`, person_id: null, details: { b: 1, a: [seq] }, prev_hash: prev };
    const hash = eventHash(e);
    events.push({ ...e, hash });
    prev = hash;
  }
  return events;
}

test('canonical JSON does not depend on key order', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 2, c: 3 } }), canonicalJson({ a: { c: 3, d: 2 }, b: 1 }));
});

test('an intact chain has no break', () => {
  assert.equal(firstBreak(chain(5)), null);
});

test('an altered event is named', () => {
  const events = chain(5);
  events[2] = { ...events[2], actor_label: 'someone else' };
  assert.deepEqual(firstBreak(events), { seq: 3, reason: 'event 3 was altered (its contents no longer match its hash)' });
});

test('a deleted event is named', () => {
  const events = chain(5);
  events.splice(1, 1);
  assert.equal(firstBreak(events)?.seq, 2);
});

test('an event re-hashed after alteration still breaks the link to the next', () => {
  const events = chain(4);
  const forged = { ...events[1], action: 'nothing' };
  events[1] = { ...forged, hash: eventHash(forged) };
  assert.equal(firstBreak(events)?.seq, 3);
});
