import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comparison } from './comparisons.ts';
import { dateOfBirth, familyName, givenName, identifier, location, NULL_LEVEL, sex } from './comparisons.ts';
import { type PersonRecord, prepareRecord } from './record.ts';

const p = (fields: Partial<PersonRecord>) => prepareRecord({ id: 'x', ...fields }, { lenientDates: true });

/** The label of the level two records reach in a comparison. */
function level(comparison: Comparison, a: Partial<PersonRecord>, b: Partial<PersonRecord>): string {
  const l = comparison.compare(p(a), p(b));
  const reverse = comparison.compare(p(b), p(a));
  assert.equal(l, reverse, 'comparison must be symmetric');
  return l === NULL_LEVEL ? 'null' : comparison.levels[l];
}

describe('given name levels', () => {
  const g = (a: string, b: string) => level(givenName, { givenName: a }, { givenName: b });
  it('exact after normalisation', () => assert.equal(g('Kayleigh', ' KAYLEIGH '), 'exact match'));
  it('British and South Asian variants', () => {
    assert.equal(g('Kayleigh', 'Kaylee'), 'nickname or variant');
    assert.equal(g('Mohammed', 'Muhammad'), 'nickname or variant');
    assert.equal(g('Aisha', 'Ayesha'), 'nickname or variant');
    assert.equal(g('Alfie', 'Alfred'), 'nickname or variant');
  });
  it('nicknames from the shipped nickname list', () => {
    assert.equal(g('William', 'Bill'), 'nickname or variant');
    assert.equal(g('Elizabeth', 'Beth'), 'nickname or variant');
  });
  it('does not make two formal names equal through a shared nickname', () => {
    assert.notEqual(g('Charles', 'Charlotte'), 'nickname or variant');
  });
  it('typos, sound-alikes, initials and plain differences', () => {
    assert.equal(g('Jessica', 'Jesicca'), 'very similar spelling');
    assert.equal(g('Stephanie', 'Stefani'), 'sounds alike');
    assert.equal(g('Mary Jane', 'Jane'), 'one of several names matches');
    assert.equal(g('J', 'Jessica'), 'initial matches');
    assert.equal(g('Olivia', 'George'), 'different');
  });
  it('null when either side is missing', () => assert.equal(g('', 'Amy'), 'null'));
  it('UK nicknames and Irish, Arabic-origin, West African and Eastern European variants', () => {
    for (const [a, b] of [
      ['Kate', 'Katherine'],
      ['Liam', 'William'],
      ['Billy', 'William'],
      ['Ciaran', 'Kieran'],
      ['Zainab', 'Zaynab'],
      ['Siobhan', 'Shivaun'],
      ['Femi', 'Oluwafemi'],
      ['Kasia', 'Katarzyna'],
      ['Yousef', 'Yusuf'],
    ]) {
      assert.equal(g(a, b), 'nickname or variant', `${a} ~ ${b}`);
    }
  });
  it('transliterations missing from the lexicon still sound alike', () => {
    assert.equal(g('Zaynub', 'Zeinab'), 'sounds alike'); // not listed: the transliteration key agrees
    assert.equal(g('Moostafa', 'Mustapha'), 'sounds alike');
  });
  it('aliases: "aka", brackets and slashes', () => {
    assert.equal(g('Jordan aka Jay', 'Jordan'), 'exact match');
    assert.equal(g('Jordan (Smokey)', 'Smokey'), 'one of several names matches');
    assert.equal(g('Jordan / JJ', 'jj'), 'one of several names matches');
    assert.equal(g('Mo aka Jay', 'Mohammed'), 'nickname or variant');
  });
  it('swapped names with a typo or variant on one side', () => {
    const swapped = level(givenName, { givenName: 'Zainab', familyName: 'Kowalski' }, { givenName: 'Kovalsky', familyName: 'Zaynab' });
    assert.equal(swapped, 'forename and surname swapped');
  });
  it('forename and surname swapped', () => {
    assert.equal(level(givenName, { givenName: 'Ali', familyName: 'Khan' }, { givenName: 'Khan', familyName: 'Ali' }), 'forename and surname swapped');
    assert.equal(
      level(familyName, { givenName: 'Ali', familyName: 'Khan' }, { givenName: 'Khan', familyName: 'Ali' }),
      'swapped with given name (weighed there)',
    );
  });
});

describe('family name levels', () => {
  const f = (a: string, b: string) => level(familyName, { familyName: a }, { familyName: b });
  it('levels from exact to different', () => {
    assert.equal(f("O'Brien", 'obrien'), 'exact match');
    assert.equal(f('Chaudhry', 'Choudhury'), 'known spelling variant');
    assert.equal(f('Thompson', 'Thomspon'), 'very similar spelling');
    assert.equal(f('Smith-Jones', 'Jones'), 'one part of a double-barrelled name matches');
    assert.equal(f('Smith', 'Patel'), 'different');
  });
  it('Irish, Arabic-origin, West African and Eastern European spellings', () => {
    assert.equal(f("O'Neill", 'Oneil'), 'known spelling variant');
    assert.equal(f('Kowalski', 'Kovalski'), 'known spelling variant');
    assert.equal(f('Diallo', 'Jalloh'), 'known spelling variant');
    assert.equal(f('Mansour', 'Mansoor'), 'known spelling variant');
  });
  it('double-barrelled names: one part with a typo, hyphen or space', () => {
    assert.equal(f('Williams-Cooper', 'Willams'), 'one part of a double-barrelled name matches');
    assert.equal(f('Smith Khan', 'Smith-Khan'), 'exact match');
    assert.notEqual(f('Carter-Smith', 'Smith-Popescu'), 'known spelling variant');
  });
});

describe('date of birth levels', () => {
  const d = (a: string, b: string) => level(dateOfBirth, { dateOfBirth: a }, { dateOfBirth: b });
  it('exact across both accepted formats', () => assert.equal(d('2010-03-05', '20100305'), 'exact match'));
  it('day and month swapped', () => assert.equal(d('2010-03-05', '2010-05-03'), 'day and month swapped'));
  it('one character different, or the year one out', () => {
    assert.equal(d('2010-03-05', '2011-03-05'), 'one character different or year one out');
    assert.equal(d('2010-03-15', '2010-03-51'), 'one character different or year one out'); // lenient: transposed digits
    assert.equal(d('2009-06-29', '2010-06-29'), 'one character different or year one out'); // two digits, one year
  });
  it('within a month', () => assert.equal(d('2010-03-28', '2010-04-09'), 'within a month'));
  it('same year', () => assert.equal(d('2010-01-15', '2010-11-27'), 'same year'));
  it('different', () => assert.equal(d('2010-01-15', '2003-11-27'), 'different'));
  it('null when missing', () => assert.equal(d('', '2003-11-27'), 'null'));
});

describe('postcode and address levels', () => {
  const pc = (a: string, b: string) => level(location, { postcode: a }, { postcode: b });
  it('ignores spaces and case', () => assert.equal(pc('B1 1AA', 'b11aa'), 'same postcode'));
  it('walks the postcode hierarchy', () => {
    assert.equal(pc('B1 1AA', 'B1 1AB'), 'postcode one character different');
    assert.equal(pc('B1 1AA', 'B1 1DT'), 'same postcode sector');
    assert.equal(pc('B1 1AA', 'B1 3DT'), 'same postcode district');
    assert.equal(pc('B1 1AA', 'B23 6TT'), 'same postcode area');
    assert.equal(pc('B1 1AA', 'LS2 9JT'), 'different');
  });
  it('combines postcode with the address lines', () => {
    const home = { postcode: 'M1 2AB', address: '12 Acacia Road, Northmoor' };
    assert.equal(level(location, home, { postcode: 'm12ab', address: '12 acacia rd northmoor' }), 'same postcode and address');
    assert.equal(level(location, home, { postcode: 'M1 2AB', address: '3 Elm Street' }), 'same postcode');
    assert.equal(level(location, home, { postcode: '', address: '12 Acacia Road Northmoor' }), 'same address, postcode differs or missing');
    assert.equal(level(location, { postcode: '' }, { address: '' }), 'null');
  });
  it('another house number on the same street is a neighbour, not the same address', () => {
    const a = { postcode: 'M19 9DF', address: '32 Hawthorn Drive, Oakhurst' };
    assert.equal(level(location, a, { postcode: 'M5 7EB', address: '102 Hawthorn Drive, Oakhurst' }), 'some address words match');
    assert.equal(level(location, a, { postcode: 'M19 9DF', address: '34 Hawthorn Drive, Oakhurst' }), 'same postcode, similar address');
    assert.equal(level(location, a, { postcode: 'M5 7EB', address: '32 Hawthorn Drv, Oakhurst' }), 'same address, postcode differs or missing');
  });
});

describe('identifier and sex levels', () => {
  it('compares identifiers of the same kind only', () => {
    assert.equal(level(identifier, { identifier: '999 000 0018' }, { identifier: '9990000018' }), 'exact match');
    assert.equal(level(identifier, { identifier: '9990000018' }, { identifier: '9990000081' }), 'one character different');
    assert.equal(level(identifier, { identifier: '9990000018' }, { identifier: 'PNC123' }), 'null');
  });
  it('normalises sex', () => {
    assert.equal(level(sex, { sex: 'F' }, { sex: 'female' }), 'same');
    assert.equal(level(sex, { sex: 'M' }, { sex: 'f' }), 'different');
    assert.equal(level(sex, { sex: 'unknown' }, { sex: 'f' }), 'null');
  });
});
