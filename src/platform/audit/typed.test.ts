import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { forTrail, typed, typedDigest, typedValues, withText } from './typed.ts';

test('the trail keeps a keyed digest of typed text; the domain event keeps the text', () => {
  const key = randomBytes(32);
  const details = { query: typed('Jane Fictional'), results: 3, at: new Date(0), nested: [{ title: typed('Call her aunt') }] };
  const trail = JSON.stringify(forTrail(details, key));
  assert.doesNotMatch(trail, /Jane|aunt/);
  assert.match(trail, /"query":"hmac-sha256:[0-9a-f]{64}"/);
  assert.match(trail, /"results":3/);
  assert.deepEqual(withText(details), { query: 'Jane Fictional', results: 3, at: new Date(0), nested: [{ title: 'Call her aunt' }] });
  assert.equal(JSON.stringify(details.query), '"Jane Fictional"', 'serialised as the text where the text belongs');
});

test('the same text typed again has the same digest (trimmed, any case, spaces collapsed); another key, another digest', () => {
  const key = randomBytes(32);
  assert.equal(typedDigest(key, ' jane   FICTIONAL '), typedDigest(key, 'Jane Fictional'));
  assert.notEqual(typedDigest(key, 'Jane Fictional'), typedDigest(randomBytes(32), 'Jane Fictional'));
  assert.equal(forTrail(typed('x'), undefined), '[typed text withheld]', 'without a key the text is withheld, not kept');
  assert.equal(typed(''), '');
  assert.equal(typed(null), null);
  assert.deepEqual(forTrail(typedValues({ givenName: 'Jane', dateOfBirth: null }), key), { givenName: typedDigest(key, 'Jane'), dateOfBirth: null });
});
