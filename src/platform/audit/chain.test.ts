import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, chainedJson, eventHash, eventHmac, firstBreak, firstSealedBreak, GENESIS_HASH, keyFingerprint } from './chain.ts';

function chain(n: number) {
  const events = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e = {
      partnership_id: 'p',
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)),
      actor_id: null,
      actor_label: 'x',
      action: 'person.viewed',
      resource_type: 'person',
      resource_id: `${seq}`,
      person_id: null,
      details: { b: 1, a: [seq] },
      prev_hash: prev,
    };
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

const key = Buffer.alloc(32, 7);
function sealed(n: number) {
  return chain(n).map((e) => ({ ...e, hmac: eventHmac(key, e.hash) }));
}

test('sealed events: an intact chain with valid HMACs has no break', () => {
  assert.equal(firstSealedBreak(sealed(5), key), null);
});

test('an event rewritten with every later hash recomputed passes the hash chain but not its HMAC', () => {
  const events = sealed(6);
  let prev = events[1].hash;
  for (let i = 2; i < events.length; i++) {
    const rewritten = { ...events[i], prev_hash: prev, ...(i === 2 ? { actor_label: 'someone else' } : {}) };
    events[i] = { ...rewritten, hash: eventHash(rewritten) };
    prev = events[i].hash;
  }
  assert.equal(firstBreak(events), null, 'the plain SHA-256 chain is fooled');
  assert.deepEqual(firstSealedBreak(events, key), {
    seq: 3,
    reason: 'event 3 was forged: its HMAC does not match (rewritten without the audit key, or sealed with another key)',
  });
});

test('another key, or no HMAC, is a break at the first event', () => {
  assert.match(firstSealedBreak(sealed(2), Buffer.alloc(32, 8))?.reason ?? '', /event 1 was forged/);
  const legacy = sealed(2).map((e) => ({ ...e, hmac: null }));
  assert.match(firstSealedBreak(legacy, key)?.reason ?? '', /event 1 has no HMAC .*jigsaw audit adopt/);
});

test('the HMAC depends on the key and the hash; the fingerprint names a key without revealing it', () => {
  assert.notEqual(eventHmac(key, 'a'.repeat(64)), eventHmac(Buffer.alloc(32, 8), 'a'.repeat(64)));
  assert.notEqual(eventHmac(key, 'a'.repeat(64)), eventHmac(key, 'b'.repeat(64)));
  assert.match(keyFingerprint(key), /^[0-9a-f]{16}$/);
  assert.ok(!key.toString('hex').includes(keyFingerprint(key)));
});

test('the fast canonical form of an event is exactly canonicalJson of its fields', () => {
  const e = {
    partnership_id: 'p',
    seq: 12,
    at: new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 789)),
    actor_id: null,
    actor_label: 'Zoë "Q" <z@x>\n\u2028',
    action: 'a.b',
    resource_type: 'person',
    resource_id: null,
    person_id: 'u',
    details: { z: [1, { y: null, b: 'é' }], a: true },
    prev_hash: 'f'.repeat(64),
  };
  assert.equal(chainedJson(e), canonicalJson({ ...e, at: e.at.toISOString() }));
});
