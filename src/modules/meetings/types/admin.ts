// Keeping the partnership's meeting types (issue 12.1): the partnership admin (and the hub coordinator) adds and edits
// them: name, what a meeting is about, the live agenda it assembles, how often, and its default agenda items.
import { type FieldError, notFound, ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { typeCodeFrom } from '../domain.ts';
import { CreateMeetingTypeInput, UpdateMeetingTypeInput } from './schemas.ts';
import * as store from './store.ts';

export const meetingTypeView = (t: store.MeetingTypeRow) => ({
  code: t.code,
  name: t.name,
  subject: t.subject,
  agenda: t.agenda,
  cadence: t.cadence,
  active: t.active,
  defaultAgenda: t.default_agenda,
});
export type MeetingTypeView = ReturnType<typeof meetingTypeView>;

const cleanAgenda = (items: readonly string[]) => items.map((i) => i.trim()).filter(Boolean);

/** Every type, in use or not (the admin's list; those convening see only those in use, `meetings.types`). */
export const allMeetingTypes = useCase({
  name: 'meetings.types.all',
  permission: ['meeting_type', 'manage'],
  input: undefined,
  async run({ db, actor }) {
    return (await store.meetingTypes(db, actor.partnershipId)).map(meetingTypeView);
  },
  audit: { none: 'reference data: the partnership’s meeting types' },
});

export const getMeetingType = useCase({
  name: 'meetings.types.get',
  permission: ['meeting_type', 'manage'],
  input: UpdateMeetingTypeInput,
  async run({ db, actor }, { code }) {
    const t = await store.meetingType(db, actor.partnershipId, code);
    if (!t) throw notFound('The meeting type');
    return meetingTypeView(t);
  },
  audit: { none: 'reference data: a meeting type' },
});

async function nameTaken(db: Parameters<typeof store.typeNamed>[0], partnershipId: string, name: string, code?: string): Promise<FieldError[]> {
  const other = await store.typeNamed(db, partnershipId, name.trim());
  return other && other.code !== code ? [{ field: 'name', message: 'A meeting type with that name already exists' }] : [];
}

export const createMeetingType = useCase({
  name: 'meetings.types.create',
  permission: ['meeting_type', 'manage'],
  input: CreateMeetingTypeInput,
  async run({ db, actor }, input) {
    const name = input.name.trim();
    const code = input.code ?? typeCodeFrom(name);
    const errors = await nameTaken(db, actor.partnershipId, name);
    if (!code) errors.push({ field: 'name', message: 'The name must contain letters or digits' });
    if (errors.length) throw new ValidationProblem(errors);
    const row = {
      code,
      name,
      subject: input.subject,
      agenda: input.agenda ?? 'none',
      cadence: input.cadence ?? 'as_needed',
      active: true,
      default_agenda: cleanAgenda(input.defaultAgenda ?? []),
    };
    if (!(await store.insertMeetingType(db, actor.partnershipId, row)))
      throw new ValidationProblem([{ field: input.code ? 'code' : 'name', message: 'A meeting type with that code already exists' }]);
    return meetingTypeView(row);
  },
  audit: { change: 'meeting_type.saved', subject: (t) => ({ type: 'meeting_type', id: t.code, details: { ...t, created: true } }) },
});

export const updateMeetingType = useCase({
  name: 'meetings.types.update',
  permission: ['meeting_type', 'manage'],
  input: UpdateMeetingTypeInput,
  async run({ db, actor }, { code, ...change }) {
    const before = await store.meetingTypeForUpdate(db, actor.partnershipId, code);
    if (!before) throw notFound('The meeting type');
    const name = change.name?.trim() ?? before.name;
    const errors = change.name ? await nameTaken(db, actor.partnershipId, name, code) : [];
    if (errors.length) throw new ValidationProblem(errors);
    const after = {
      name,
      subject: change.subject ?? before.subject,
      agenda: change.agenda ?? before.agenda,
      cadence: change.cadence ?? before.cadence,
      active: change.active ?? before.active,
      default_agenda: change.defaultAgenda ? cleanAgenda(change.defaultAgenda) : before.default_agenda,
    };
    const changed = (Object.keys(after) as (keyof typeof after)[]).some((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
    if (changed) await store.updateMeetingType(db, actor.partnershipId, code, after);
    return { ...meetingTypeView({ code, ...after }), changed };
  },
  audit: {
    change: 'meeting_type.saved',
    // Saving what is already there is no change (a second click): no event.
    subject: (t) => (t.changed ? { type: 'meeting_type', id: t.code, details: { ...t, changed: undefined } } : null),
  },
});
