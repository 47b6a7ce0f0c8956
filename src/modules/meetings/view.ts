// The Meetings tab's shape. Every kind of meeting about a child is one MeetingItem (issue 12's MACE and strategy
// meetings join as further `kind`s), listed newest first.
import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  TRIAGE_CATEGORY_LABELS,
  TRIAGE_OUTCOME_LABELS,
  type TriageCategory,
  type TriageOutcome,
} from '../triage/vocab.ts';
import type * as store from './store.ts';

export type MeetingKind = 'triage';
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { triage: 'Triage meeting' };

/** What a meeting decided about one of the child's referrals; `decision` is null where the viewer may not read it. */
export interface MeetingReferral {
  referralId: string;
  reference: string;
  receivedAt: Date;
  referringAgencyName: string;
  decision: {
    outcome: string;
    outcomeLabel: string;
    category: string;
    categoryLabel: string;
    rationale: string;
    decidedAt: Date;
    actions: { description: string; ownerAgencyName: string; ownerName: string | null; dueDate: string; status: string; statusLabel: string }[];
  } | null;
}

export interface MeetingItem {
  kind: MeetingKind;
  kindLabel: string;
  id: string;
  date: string;
  chair: string | null;
  attendingAgencies: { id: string; name: string }[];
  /** Whether the viewer's agency attended. */
  attended: boolean;
  referrals: MeetingReferral[];
}

type DecisionRow = Awaited<ReturnType<typeof store.decisionsAbout>>[number];
type AttendanceRow = Awaited<ReturnType<typeof store.attendanceOf>>[number];
type ActionRow = Awaited<ReturnType<typeof store.actionsOf>>[number];

/** Groups decisions by meeting (rows come newest meeting first), one agency once however many people came for it. */
export function triageMeetings(rows: DecisionRow[], attendance: AttendanceRow[], viewerAgencyId: string): MeetingItem[] {
  const meetings = new Map<string, MeetingItem>();
  for (const r of rows) {
    if (meetings.has(r.meeting_id)) continue;
    const agencies = new Map(attendance.filter((a) => a.meeting_id === r.meeting_id).map((a) => [a.agency_id, { id: a.agency_id, name: a.agency_name }]));
    const chair = [r.chair_name, r.chair_agency_name].filter(Boolean).join(', ') || null;
    meetings.set(r.meeting_id, {
      kind: 'triage',
      kindLabel: MEETING_KIND_LABELS.triage,
      id: r.meeting_id,
      date: r.meeting_date,
      chair,
      attendingAgencies: [...agencies.values()],
      attended: agencies.has(viewerAgencyId),
      referrals: [],
    });
  }
  return [...meetings.values()];
}

export function meetingReferral(r: DecisionRow, actions: ActionRow[] | null): MeetingReferral {
  return {
    referralId: r.referral_id,
    reference: r.reference,
    receivedAt: new Date(r.received_at),
    referringAgencyName: r.referring_agency_name,
    decision: actions
      ? {
          outcome: r.outcome,
          outcomeLabel: TRIAGE_OUTCOME_LABELS[r.outcome as TriageOutcome] ?? r.outcome,
          category: r.category,
          categoryLabel: TRIAGE_CATEGORY_LABELS[r.category as TriageCategory] ?? r.category,
          rationale: r.rationale,
          decidedAt: new Date(r.decided_at),
          actions: actions.map((a) => ({
            description: a.description,
            ownerAgencyName: a.owner_agency_name,
            ownerName: a.owner_name,
            dueDate: a.due_date,
            status: a.status,
            statusLabel: ACTION_STATUS_LABELS[a.status as ActionStatus] ?? a.status,
          })),
        }
      : null,
  };
}
