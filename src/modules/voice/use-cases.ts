// The child's voice on the plan (its own change), and the latest child's and family's views for the overview,
// attributed and dated. With a referral or a triage decision the views are recorded by record.ts.
import { assertMayOnCase } from '../../platform/access/rules.ts';
import { ValidationProblem } from '../../platform/http/problems.ts';
import { formatUkDateTime } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { caseFacts } from '../cases/use-cases/read.ts';
import { readablePerson } from '../people/use-cases.ts';
import { RECORDED_IN_LABELS, voiceOf } from './domain.ts';
import { PersonRef, PlanVoiceInput } from './schemas.ts';
import * as store from './store.ts';

export interface VoiceView {
  kind: 'child' | 'family';
  heading: string;
  views: string;
  /** "Sam Teacher (Testshire School), in the referral, 1 December 2026 at 2:25pm" */
  attribution: string;
  recordedAt: Date;
}

/** The latest child's and family's views, for the person's overview. */
export const personVoice = useCase({
  name: 'voice.get',
  permission: ['person', 'read'],
  input: PersonRef,
  async run({ db, actor }, { personId }): Promise<{ personId: string; items: VoiceView[] }> {
    await readablePerson(db, actor, personId);
    const rows = await store.latestVoices(db, actor.partnershipId, personId);
    return {
      personId,
      items: rows.map((r) => ({
        kind: r.kind,
        heading: r.kind === 'child' ? 'The child’s views' : 'The family’s views',
        views: r.views,
        attribution: `${r.recorded_by_label}${r.agency_name ? ` (${r.agency_name})` : ''}, ${RECORDED_IN_LABELS[r.recorded_in] ?? ''}, ${formatUkDateTime(r.recorded_at)}`,
        recordedAt: new Date(r.recorded_at),
      })),
    };
  },
  audit: { read: 'person_voice.viewed', subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId }) },
});

/** The child's and family's views on the plan, by those who work the case. */
export const recordPlanVoice = useCase({
  name: 'voice.record_plan',
  permission: ['case', 'update'],
  input: PlanVoiceInput,
  async run({ db, actor, now }, input): Promise<{ id: string; personId: string }> {
    await readablePerson(db, actor, input.personId);
    assertMayOnCase(actor, 'update', await caseFacts(db, actor, input.personId));
    const views = voiceOf(input);
    if (!views) throw new ValidationProblem([{ field: 'childViews', message: 'Enter the child’s views or the family’s views' }]);
    const id = await store.insertVoice(db, actor.partnershipId, {
      personId: input.personId,
      recordedIn: 'plan',
      recordId: null,
      ...views,
      recordedAt: now,
      recordedBy: actor.via === 'system' ? null : actor.userId,
      recordedByLabel: actor.name,
    });
    return { id, personId: input.personId };
  },
  audit: { change: 'voice.recorded', subject: (r) => ({ type: 'person_voice', id: r.id, personId: r.personId, details: { recordedIn: 'plan' } }) },
});
