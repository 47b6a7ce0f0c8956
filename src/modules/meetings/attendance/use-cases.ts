// Recording who attended: each invitee present, sent apologies or absent.
import { ValidationProblem } from '../../../platform/http/problems.ts';
import { useCase } from '../../../platform/usecase/usecase.ts';
import { meetingInScope } from '../convene.ts';
import { AttendanceInput } from '../schemas.ts';
import * as store from './store.ts';

export const recordAttendance = useCase({
  name: 'meetings.attendance',
  permission: ['meeting', 'update'],
  input: AttendanceInput,
  async run({ db, actor }, { id, attendance }) {
    const { people } = await meetingInScope(db, actor, id, 'update', true);
    const errors = attendance.flatMap((a, i) =>
      people.some((p) => p.id === a.inviteeId) ? [] : [{ field: `attendance/${i}/inviteeId`, message: 'There is no such invitee at this meeting' }],
    );
    if (errors.length) throw new ValidationProblem(errors);
    for (const a of attendance) await store.setAttendance(db, actor.partnershipId, id, a.inviteeId, a.attendance);
    return (await meetingInScope(db, actor, id, 'read')).view;
  },
  audit: {
    change: 'meeting.attendance_recorded',
    subject: (m) => ({
      type: 'meeting',
      id: m.id,
      personId: m.personId,
      details: { meetingId: m.id, attendance: m.invitees.map((i) => ({ agencyId: i.agencyId, userId: i.userId, attendance: i.attendance })) },
    }),
  },
});
