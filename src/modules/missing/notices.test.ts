import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { noticeText, validateEpisodeContext } from './notices.ts';

const facts = {
  childName: 'Testchild Fictional',
  dateOfBirth: '2011-04-02',
  classification: 'missing' as const,
  riskGrade: 'medium' as const,
  reportedAt: new Date('2025-03-29T21:00:00Z'),
  lastSeenAt: new Date('2025-03-29T18:00:00Z'),
  lastSeenPlace: 'Northmoor bus station (fictional)',
  returnedAt: new Date('2025-03-31T09:00:00Z'),
  foundPlace: 'Friend’s address',
  policeReference: 'NM-0001',
  placingAuthority: 'Southmoor Council (fictional)',
  partnershipName: 'Testshire Partnership',
  senderName: 'Test Officer',
};

describe('noticeText', () => {
  test('a placing-authority notice names the authority, shows UK times and the elapsed time across the March change', () => {
    const text = noticeText('placing_authority', facts);
    assert.match(text, /^To: Southmoor Council \(fictional\)/);
    assert.match(text, /Reported missing: 29 March 2025 at 9pm/);
    assert.match(text, /Returned: 31 March 2025 at 10am/, 'BST after 30 March');
    assert.match(text, /Time missing: 1 day 12 hours/);
    assert.match(text, /No return home interview has been recorded yet/);
  });

  test('a police notice carries the interview findings, or why it did not happen', () => {
    const done = noticeText('police', {
      ...facts,
      interview: {
        completedAt: new Date('2025-04-01T10:00:00Z'),
        declinedAt: null,
        declineReason: null,
        whereWent: 'A flat in town',
        whoWith: 'Older males',
        travel: 'Taxi',
        pushFactors: 'Arguments at home',
        pullFactors: 'Gifts',
        disclosures: 'None',
        nextSteps: 'Referral to hub',
      },
    });
    assert.match(done, /Where the child went: A flat in town/);
    assert.match(done, /How they travelled: Taxi/);
    const declined = noticeText('social_care', {
      ...facts,
      interview: {
        completedAt: null,
        declinedAt: new Date('2025-04-01T10:00:00Z'),
        declineReason: 'parent_refused_consent',
        whereWent: null,
        whoWith: null,
        travel: null,
        pushFactors: null,
        pullFactors: null,
        disclosures: null,
        nextSteps: null,
      },
    });
    assert.match(declined, /Parent or carer refused consent/);
  });
});

describe('validateEpisodeContext', () => {
  test('away without authorisation needs a looked-after child; a placed child needs the placing authority', () => {
    const base = { lookedAfter: false, responsibleAuthority: null, placedByOtherLa: false, placingAuthority: null };
    assert.deepEqual(validateEpisodeContext({ ...base, classification: 'missing' }), []);
    assert.deepEqual(
      validateEpisodeContext({ ...base, classification: 'away_without_authorisation' }).map((e) => e.field),
      ['classification'],
    );
    assert.deepEqual(validateEpisodeContext({ ...base, classification: 'away_without_authorisation', lookedAfter: true }), []);
    assert.deepEqual(
      validateEpisodeContext({ ...base, classification: 'missing', placedByOtherLa: true }).map((e) => e.field),
      ['placingAuthority'],
    );
  });
});
