// Chronology lines for cumulative concern alerts (src/modules/alerts): seen by whoever may read the child's case.
// Part of the registry in domain.ts, kept apart to keep each file small.
import type { Entry } from './domain.ts';
import { clip, joined, sentence, str } from './phrases.ts';

export const ALERT_EVENTS: Readonly<Record<string, Entry>> = {
  'cumulative_concern.alerted': {
    kind: 'case',
    access: 'case',
    line: (c) => {
      const agencies = Array.isArray(c.agencies) ? c.agencies.map(String) : [];
      const within = typeof c.windowDays === 'number' ? ` within ${c.windowDays} days` : '';
      return sentence(joined([`Cumulative concern alert raised: ${agencies.length} agencies raised concerns${within}`, agencies.join(', ') || null], ': '));
    },
  },
  'cumulative_concern_alert.dismissed': {
    kind: 'case',
    access: 'case',
    line: (c) => sentence(joined(['Cumulative concern alert dismissed', str(c.reason) && `Why: ${clip(c.reason)}`], '. ')),
  },
};
