// The partnership's meeting types, its MACE setting, and the MACEs High triage decisions ask for.
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { ukDate } from '../../../platform/time.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import * as agendaStore from '../agenda/store.ts';
import { addWorkingDays } from '../domain.ts';
import { MeetingSettingsInput } from '../schemas.ts';
import * as store from './store.ts';

export const meetingTypes = useCase({
  name: 'meetings.types',
  permission: ['meeting', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return (await store.meetingTypes(db, actor.partnershipId)).filter((t) => t.active);
  },
  audit: { none: 'reference data: the partnership’s meeting types' },
});

export const meetingSettings = useCase({
  name: 'meetings.settings',
  permission: ['meeting', 'read'],
  input: undefined,
  async run({ db, actor }) {
    return { maceDueWorkingDays: await store.maceDueWorkingDays(db, actor.partnershipId) };
  },
  audit: { none: 'a setting of the partnership' },
});

export const setMeetingSettings = useCase({
  name: 'meetings.setSettings',
  permission: ['meeting', 'manage'],
  input: MeetingSettingsInput,
  async run({ db, actor }, input) {
    if (!Number.isInteger(input.maceDueWorkingDays))
      throw new ValidationProblem([{ field: 'maceDueWorkingDays', message: 'Enter a whole number of working days' }]);
    await store.setMaceDueWorkingDays(db, actor.partnershipId, input.maceDueWorkingDays);
    return input;
  },
  audit: { change: 'meeting.settings_changed', subject: (s) => ({ type: 'partnership', details: s }) },
});

/** Each standing High decision with no MACE held since: due within the setting's working days, convened or not. */
export const macesDue = useCase({
  name: 'meetings.macesDue',
  permission: ['meeting', 'read'],
  input: undefined,
  async run({ db, actor, scope, now }) {
    if (scope !== 'partnership') return [];
    const days = await store.maceDueWorkingDays(db, actor.partnershipId);
    const today = ukDate(now);
    return (await agendaStore.highDecisionsWithoutMace(db, actor.partnershipId)).map((d) => {
      const dueOn = addWorkingDays(ukDate(new Date(d.decided_at)), days);
      return {
        decisionId: d.decision_id,
        referralId: d.referral_id,
        reference: d.reference,
        personId: d.person_id,
        name: `${d.given_name} ${d.family_name}`,
        decidedAt: new Date(d.decided_at).toISOString(),
        dueOn,
        overdue: dueOn < today,
        meetingId: d.convened_meeting_id,
      };
    });
  },
  audit: { read: 'meeting.maces_due_listed', subject: (list) => ({ type: 'meeting', details: { count: list.length } }) },
});
