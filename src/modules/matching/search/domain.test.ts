// What a people search is read as, and the keys a person is found by.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainMatch, parseSearch, personSearchKeys, searchParts } from './domain.ts';

const today = '2026-12-01';

test('a date of birth in any common form, day first; two-digit years are not in the future', () => {
  for (const q of ['12/3/2010', '2010-03-12', '12 March 2010', '12.03.10', '12-03-2010', '12th mar 2010', '12 Mar. 10'])
    assert.equal(parseSearch(q, today).dateOfBirth, '2010-03-12', q);
  assert.equal(parseSearch('1/2/75', today).dateOfBirth, '1975-02-01');
  assert.equal(parseSearch('1/2/26', today).dateOfBirth, '2026-02-01');
  assert.equal(parseSearch('31/2/2010', today).dateOfBirth, null);
});

test('a postcode with or without its space, an NHS number, and the name words left over', () => {
  assert.deepEqual(parseSearch("Zara O'Brien-Smith nm14ab", today), {
    names: ['zara', 'obrien', 'smith'],
    dateOfBirth: null,
    postcode: 'NM1 4AB',
    nhsNumber: null,
  });
  assert.equal(parseSearch('943 476 5919', today).nhsNumber, '9434765919');
  assert.deepEqual(parseSearch('Z 1', today).names, []);
});

test('a nickname looks up the names it stands for; a person is keyed by every word of their names and aliases', () => {
  const [bill] = searchParts(parseSearch('Bill', today));
  assert.ok(bill.keys.length > 1);
  const keys = personSearchKeys({
    givenName: 'Mary Jane',
    familyName: 'Smith',
    aliases: [{ givenName: 'MJ', familyName: null }],
    dateOfBirth: '2010-03-12',
    postcode: 'nm14ab',
    nhsNumber: null,
  });
  assert.deepEqual(
    keys.filter((k) => k.kind === 'dob' || k.kind === 'postcode'),
    [
      { kind: 'dob', key: '2010-03-12' },
      { kind: 'postcode', key: 'NM1 4AB' },
    ],
  );
  assert.equal(keys.filter((k) => k.kind === 'name').length, 5); // mary, jane, maryjane, smith, mj
  assert.equal(keys.filter((k) => k.kind === 'pair').length, 4); // each given word with smith
  // Two typed words are also looked up together, in either order.
  const pairs = searchParts(parseSearch('Smith Mary', today)).filter((p) => p.keys[0]?.kind === 'pair');
  assert.equal(pairs.length, 1);
  assert.ok(pairs[0].keys.some((k) => keys.some((own) => own.kind === 'pair' && own.key === k.key)));
});

test('why a person matched, in words, and a higher score for a closer match', () => {
  const zara = { givenName: 'Zara', familyName: 'Khan', aliases: [], dateOfBirth: '2010-03-12', postcode: 'NM1 4AB', nhsNumber: null };
  const exact = explainMatch(parseSearch('Zara Khan 12/3/2010', today), zara);
  const swapped = explainMatch(parseSearch('Khan Zarah', today), zara);
  assert.deepEqual(
    exact.reasons.map((r) => r.text),
    ['Same name Zara', 'Same name Khan', 'Same date of birth'],
  );
  assert.deepEqual(
    swapped.reasons.map((r) => r.kind),
    ['same_name', 'sounds_like', 'names_swapped'],
  );
  assert.ok(exact.score > swapped.score);
});
