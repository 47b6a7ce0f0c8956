// The child's Meetings tab: the meetings that discussed the child and what they decided, as the viewer may see it.
// Whoever reads the child's record sees every meeting; an agency that attended a meeting reads what that meeting
// covered (rules.ts: mayOpenMeetingsOf, maySeeMeeting, mayReadMeetingDecision) and nothing else of the record.
import { assertMayOpenMeetingsOf, mayReadMeetingDecision, maySeeMeeting } from '../../platform/access/rules.ts';
import { notFound } from '../../platform/http/problems.ts';
import { ukDate } from '../../platform/time.ts';
import { useCase } from '../../platform/usecase/usecase.ts';
import { ageOn } from '../people/domain.ts';
import { personAccess } from '../people/use-cases.ts';
import { PersonMeetingsInput } from './schemas.ts';
import * as store from './store.ts';
import { type MeetingItem, meetingReferral, triageMeetings } from './view.ts';

export const personMeetings = useCase({
  name: 'meetings.ofPerson',
  permission: ['person', 'read'],
  input: PersonMeetingsInput,
  async run({ db, actor, now }, { personId }) {
    const person = await store.identity(db, actor.partnershipId, personId);
    if (!person) throw notFound('The person');
    const readsRecord = (await personAccess(db, actor, personId)) === 'readable';
    const rows = await store.decisionsAbout(db, actor.partnershipId, personId);
    const attendance = await store.attendanceOf(db, actor.partnershipId, [...new Set(rows.map((r) => r.meeting_id))]);
    const all = triageMeetings(rows, attendance, actor.agencyId);
    assertMayOpenMeetingsOf(actor, { readsRecord, attendedAny: all.some((m) => m.attended) });
    const visible = all.filter((m) => maySeeMeeting(actor, { readsRecord }, { attendingAgencyIds: m.attendingAgencies.map((a) => a.id) }));
    const byId = new Map<string, MeetingItem>(visible.map((m) => [m.id, m]));
    const readable = rows.filter((r) => {
      const m = byId.get(r.meeting_id);
      return !!m && mayReadMeetingDecision(actor, { attendingAgencyIds: m.attendingAgencies.map((a) => a.id) }, { referringAgencyId: r.referring_agency_id });
    });
    const actions = await store.actionsOf(
      db,
      actor.partnershipId,
      readable.map((r) => r.decision_id),
    );
    const readableIds = new Set(readable.map((r) => r.decision_id));
    for (const r of rows) {
      const m = byId.get(r.meeting_id);
      if (!m) continue;
      m.referrals.push(meetingReferral(r, readableIds.has(r.decision_id) ? actions.filter((a) => a.decision_id === r.decision_id) : null));
    }
    return {
      personId,
      /** False for an attendee who may read only what their meetings covered: their page shows no other tab. */
      readsRecord,
      person: {
        id: person.id,
        givenName: person.given_name,
        familyName: person.family_name,
        dateOfBirth: person.date_of_birth,
        dobPrecision: person.dob_precision,
        age: person.date_of_birth ? ageOn(person.date_of_birth, ukDate(now)) : null,
        placedByOtherLa: person.placed_by_other_la,
        placingAuthority: person.placing_authority,
      },
      meetings: visible,
    };
  },
  audit: {
    read: 'person.meetings_viewed',
    subject: (r) => ({ type: 'person', id: r.personId, personId: r.personId, details: { meetings: r.meetings.length, recordAccess: r.readsRecord } }),
  },
});
