// Chronology lines for a child's onward referrals to support services (src/modules/support): seen by whoever may
// read the child's case. Part of the registry in domain.ts, kept apart to keep each file small.
import type { Entry } from './domain.ts';
import { clip, joined, sentence, str } from './phrases.ts';

const line = (what: (c: Record<string, unknown>) => string): Entry => ({ kind: 'case', access: 'case', line: (c) => sentence(what(c)) });

export const SUPPORT_EVENTS: Readonly<Record<string, Entry>> = {
  'support_referral.sent': line((c) => `Referred to ${str(c.service) ?? 'a service'}`),
  'support_referral.decided': line((c) =>
    c.status === 'declined'
      ? joined([`Referral to ${str(c.service) ?? 'a service'} declined`, str(c.reason) && `Why: ${clip(c.reason)}`], '. ')
      : `Referral to ${str(c.service) ?? 'a service'} accepted`,
  ),
  'support_referral.started': line((c) =>
    joined([`Support from ${str(c.service) ?? 'a service'} started`, typeof c.waitingDays === 'number' ? `after ${c.waitingDays} days waiting` : null], ' '),
  ),
  'support_referral.ended': line((c) => joined([`Support from ${str(c.service) ?? 'a service'} ended`, str(c.outcomeLabel)], ': ')),
};
