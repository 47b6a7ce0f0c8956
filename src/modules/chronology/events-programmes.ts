// Chronology lines for a child's programmes and outcome records (src/modules/programmes): seen by whoever may read
// the child's case. Part of the registry in domain.ts, kept apart to keep each file small.
import type { Entry } from './domain.ts';
import { clip, joined, sentence, str } from './phrases.ts';

const line = (what: (c: Record<string, unknown>) => string): Entry => ({ kind: 'case', access: 'case', line: (c) => sentence(what(c)) });
const outOf = (c: Record<string, unknown>) =>
  c.kind === 'percentage' ? `${c.value}%` : typeof c.top === 'number' ? `${c.value} out of ${c.top}` : String(c.value ?? '');

export const PROGRAMME_EVENTS: Readonly<Record<string, Entry>> = {
  'programme.joined': line((c) => joined([`Joined ${str(c.programme) ?? 'a programme'}`, str(c.worker) && `worker ${c.worker}`], ', ')),
  'programme.left': line((c) => joined([`Left ${str(c.programme) ?? 'a programme'}`, str(c.reason) && `Why: ${clip(c.reason)}`], '. ')),
  'outcome.recorded': line((c) => `${str(c.scale) ?? 'Outcome'} recorded: ${outOf(c)}`),
};
