import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translitKey } from './phonetic.ts';
import { editDistance, jaro, jaroWinkler, normaliseName, positionalDifferences, tokenJaccard, withinOneEdit } from './strings.ts';

const close = (actual: number, expected: number, digits = 3) => assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ~${expected}`);

describe('Jaro-Winkler', () => {
  it('matches the published reference values', () => {
    close(jaroWinkler('martha', 'marhta'), 0.961);
    close(jaroWinkler('dwayne', 'duane'), 0.84);
    close(jaroWinkler('dixon', 'dicksonx'), 0.813);
    close(jaro('martha', 'marhta'), 0.944);
    close(jaro('dwayne', 'duane'), 0.822);
  });

  it('is 1 for equal strings, 0 with nothing in common or an empty side', () => {
    assert.equal(jaroWinkler('kayleigh', 'kayleigh'), 1);
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', 'abc'), 0);
  });

  it('is symmetric', () => {
    for (const [a, b] of [
      ['mohammed', 'muhammad'],
      ['kayleigh', 'kaylee'],
      ['crate', 'trace'],
      ['ab', 'ba'],
    ]) {
      assert.equal(jaroWinkler(a, b), jaroWinkler(b, a));
    }
  });
});

describe('edit distances', () => {
  it('counts adjacent transpositions as one edit', () => {
    assert.equal(editDistance('smith', 'smtih'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
  });

  it('stops early once past the limit', () => {
    assert.equal(editDistance('completely', 'different!', 2), 3);
  });

  it('recognises one edit quickly', () => {
    assert.ok(withinOneEdit('B1 1AA', 'B1 1AB'));
    assert.ok(withinOneEdit('1234567', '1234576'));
    assert.ok(withinOneEdit('abc', 'abxc'));
    assert.ok(!withinOneEdit('abc', 'cba'));
    assert.ok(!withinOneEdit('abcd', 'ab'));
  });

  it('counts positional differences of dates', () => {
    assert.equal(positionalDifferences('20100305', '20100306'), 1);
    assert.equal(positionalDifferences('20100305', '20100350'), 1); // transposed digits
    assert.equal(positionalDifferences('20100305', '20110406'), 3);
  });
});

describe('normalisation', () => {
  it('lower-cases, strips accents, joins apostrophes and splits hyphens', () => {
    assert.equal(normaliseName("  O'Brien-Smith "), 'obrien smith');
    assert.equal(normaliseName('Zoë'), 'zoe');
    assert.equal(normaliseName(null), '');
  });

  it('measures word overlap', () => {
    assert.equal(tokenJaccard(['12', 'high', 'street'], ['12', 'high', 'road']), 0.5);
    assert.equal(tokenJaccard([], ['a']), 0);
  });
});

describe('transliteration key', () => {
  it('folds the spellings transliterations disagree on', () => {
    const same = (names: string) => assert.equal(new Set(names.split(' ').map(translitKey)).size, 1, names);
    same('mohammed muhammad mohamad muhammed');
    same('zainab zaynab zeinab zenab');
    same('ciaran kieran kieron keiran');
    same('yusuf yousuf yousef youssef');
    same('kowalski kowalsky kovalski');
    same('aisha ayesha aysha');
    same('fatima fatimah fatema');
    same('chaudhary choudhury chowdhury');
  });
  it('keeps different names apart', () => {
    assert.notEqual(translitKey('mohammed'), translitKey('mahmood'));
    assert.notEqual(translitKey('karim'), translitKey('kieran'));
    assert.equal(translitKey(''), '');
  });
});
