// Fictional missing episodes and return home interviews for the demo partnership: some children missing now,
// interviews due, overdue, held in time or late, declined, and one child who has met the repeat-missing rule.
// Deterministic (its own seed), and bulk-inserted through the missing store so the demo seed stays fast.
import type { Insertable } from 'kysely';
import { DECLINE_REASONS, DEFAULT_REPEAT_MISSING_RULE } from '../modules/missing/domain.ts';
import { insertRows } from '../modules/missing/store.ts';
import type { Db } from '../platform/db/connect.ts';
import type { MissingEpisodeTable, RepeatMissingAlertTable, ReturnInterviewTable } from '../platform/db/schema.ts';
import { type Random, seededRandom } from './random.ts';

const HOUR = 3_600_000;

/** A completed interview's fictional answers (the same draws, in the same order, wherever an interview is made). */
function whatTheChildSaid(rand: Random, completed: boolean) {
  return {
    where_went: completed ? `Fictional: stayed near ${rand.pick(PLACES)}` : null,
    who_with: completed ? rand.pick(['Friends from school', 'Older males not known to the family', 'On their own']) : null,
    travel: completed ? rand.pick(['Bus', 'Taxi paid for by someone else', 'On foot', 'Train out of the borough']) : null,
    push_factors: completed ? rand.pick(['Arguments at home', 'Placement breakdown', 'Bullying at school']) : null,
    pull_factors: completed ? rand.pick(['Gifts and attention', 'Friends', 'A boyfriend or girlfriend']) : null,
    disclosures: completed ? 'None (fictional demo)' : null,
    next_steps: completed ? 'Information shared with the hub and the allocated social worker' : null,
  };
}
const PLACES = ['Station Road takeaways', 'Canal Street park', 'Northmoor bus station', 'a friend’s address on Mill Lane', 'the retail park'];

export async function seedMissingDemo(
  tx: Db,
  pid: string,
  persons: { id: string; placingAuthority: string | null }[],
  anchor: Date,
  createdBy: string,
): Promise<void> {
  const rand = seededRandom(20_260_503);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => rand.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-b${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  const episodes: Insertable<MissingEpisodeTable>[] = [];
  const interviews: Insertable<ReturnInterviewTable>[] = [];
  const alerts: Insertable<RepeatMissingAlertTable>[] = [];
  const children = persons.slice(0, 36);
  // Northmoor's own looked-after children (not placed here by another authority): a stream of its own, so the
  // episodes above stay as they were. Away from placement without authorisation ("absent") is for looked-after children.
  const lac = seededRandom(20_260_504);
  children.forEach((child, index) => {
    const ownLac = !child.placingAuthority && lac.chance(0.25);
    // The first child goes missing three times in a fortnight; the next few are missing now or just back.
    const count =
      index === 0
        ? 3
        : rand.weighted([
            [1, 55],
            [2, 30],
            [3, 15],
          ] as const);
    for (let k = 0; k < count; k++) {
      const hoursAgo =
        index === 0 ? 24 * (14 - k * 6) + 5 : index < 3 && k === 0 ? rand.int(2, 20) : index < 9 && k === 0 ? rand.int(40, 130) : rand.int(24 * 7, 24 * 150);
      const reportedAt = new Date(anchor.getTime() - hoursAgo * HOUR);
      const stillMissing = index > 0 && index < 3 && k === 0;
      const returnedAt = stillMissing ? null : new Date(reportedAt.getTime() + rand.int(3, Math.min(40, hoursAgo - 1)) * HOUR);
      const id = uuid();
      episodes.push({
        partnership_id: pid,
        id,
        person_id: child.id,
        classification: (child.placingAuthority && rand.chance(0.5)) || (ownLac && lac.chance(0.4)) ? 'away_without_authorisation' : 'missing',
        reported_at: reportedAt,
        last_seen_at: new Date(reportedAt.getTime() - rand.int(1, 6) * HOUR),
        last_seen_place: rand.pick(PLACES),
        returned_at: returnedAt,
        found_place: returnedAt ? rand.pick(PLACES) : null,
        police_reference: `NM-DEMO-${String(episodes.length + 1).padStart(4, '0')}`,
        risk_grade: rand.weighted([
          ['no_apparent_risk', 10],
          ['low', 40],
          ['medium', 40],
          ['high', 10],
        ] as const),
        looked_after: child.placingAuthority !== null || ownLac,
        responsible_authority: child.placingAuthority ?? (ownLac ? OWN_AUTHORITY : null),
        placed_by_other_la: child.placingAuthority !== null,
        placing_authority: child.placingAuthority,
        interview_state: 'pending',
        created_by: createdBy,
        created_at: reportedAt,
      });
      if (index === 0 && k === 2) {
        alerts.push({
          partnership_id: pid,
          id: uuid(),
          person_id: child.id,
          episode_id: id,
          rule_episodes: DEFAULT_REPEAT_MISSING_RULE.episodes,
          rule_within_days: DEFAULT_REPEAT_MISSING_RULE.withinDays,
          created_at: reportedAt,
        });
      }
      if (!returnedAt || returnedAt.getTime() > anchor.getTime() - 6 * HOUR) continue;
      const sinceReturn = (anchor.getTime() - returnedAt.getTime()) / HOUR;
      if (sinceReturn < 72 && rand.chance(0.5)) continue; // due, not yet offered
      const offeredAt = new Date(returnedAt.getTime() + rand.int(1, 5) * HOUR);
      const outcome =
        sinceReturn < 72
          ? 'offered'
          : rand.weighted([
              ['completed', 70],
              ['declined', 15],
              ['offered', 5],
              ['none', 10],
            ] as const);
      if (outcome === 'none') continue; // never offered: overdue
      const completedAt = outcome === 'completed' ? new Date(Math.min(returnedAt.getTime() + rand.int(8, 110) * HOUR, anchor.getTime() - HOUR)) : null;
      interviews.push({
        partnership_id: pid,
        episode_id: id,
        status: outcome,
        offered_at: offeredAt,
        offered_by: 'Demo RHI Officer',
        completed_at: completedAt,
        completed_by: completedAt ? 'Demo RHI Officer' : null,
        declined_at: outcome === 'declined' ? new Date(offeredAt.getTime() + 2 * HOUR) : null,
        decline_reason: outcome === 'declined' ? rand.pick(DECLINE_REASONS.slice(0, 3)) : null,
        ...whatTheChildSaid(rand, completedAt !== null),
        updated_by: createdBy,
        updated_at: completedAt ?? offeredAt,
      });
      const last = episodes[episodes.length - 1];
      last.interview_state = completedAt ? 'completed' : outcome === 'declined' ? 'declined' : 'pending';
      last.rhi_offered = true;
      last.rhi_completed_at = completedAt;
      last.rhi_declined_reason = outcome === 'declined' ? (interviews[interviews.length - 1].decline_reason ?? null) : null;
    }
  });
  missingHistory(pid, persons, anchor, createdBy, episodes, interviews);
  await insertRows(tx, { episodes, interviews, alerts });
}

const OWN_AUTHORITY = 'Northmoor Borough Council (fictional)';

/**
 * Two years of earlier episodes (100 to 720 days ago, all returned), so quarterly trends show something (issue 15.8):
 * more children, every child placed here by another authority, some of Northmoor's own looked-after children, both
 * classifications, and interviews held in time, late, declined, offered only or never offered. Its own stream.
 */
function missingHistory(
  pid: string,
  persons: { id: string; placingAuthority: string | null }[],
  anchor: Date,
  createdBy: string,
  episodes: Insertable<MissingEpisodeTable>[],
  interviews: Insertable<ReturnInterviewTable>[],
): void {
  const rand = seededRandom(20_260_505);
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => rand.int(0, 15).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-b${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
  persons.forEach((child, index) => {
    const placed = child.placingAuthority !== null;
    if (!placed && (index < 36 || index >= 120 || !rand.chance(0.45))) return;
    const ownLac = !placed && rand.chance(0.2);
    const count = rand.weighted([
      [1, 50],
      [2, 30],
      [3, 20],
    ] as const);
    for (let k = 0; k < count; k++) {
      const reportedAt = new Date(anchor.getTime() - rand.int(100 * 24, 720 * 24) * HOUR);
      const returnedAt = new Date(reportedAt.getTime() + rand.weighted([[rand.int(2, 23), 70] as const, [rand.int(24, 120), 30] as const]) * HOUR);
      const absent = (placed || ownLac) && rand.chance(0.45);
      const outcome = rand.weighted([
        ['in_time', 50],
        ['late', 15],
        ['declined', 15],
        ['offered', 8],
        ['none', 12],
      ] as const);
      const id = uuid();
      // Some late interviews were offered late too (after 72 hours).
      const offeredAt = new Date(returnedAt.getTime() + (outcome === 'late' && rand.chance(0.5) ? rand.int(73, 96) : rand.int(1, 5)) * HOUR);
      const completedAt =
        outcome === 'in_time'
          ? new Date(returnedAt.getTime() + rand.int(6, 71) * HOUR)
          : outcome === 'late'
            ? new Date(Math.max(offeredAt.getTime() + 2 * HOUR, returnedAt.getTime() + 73 * HOUR) + rand.int(0, 120) * HOUR)
            : null;
      const declineReason = outcome === 'declined' ? rand.pick(DECLINE_REASONS.slice(0, 3)) : null;
      episodes.push({
        partnership_id: pid,
        id,
        person_id: child.id,
        classification: absent ? 'away_without_authorisation' : 'missing',
        reported_at: reportedAt,
        last_seen_at: new Date(reportedAt.getTime() - rand.int(1, 6) * HOUR),
        last_seen_place: rand.pick(PLACES),
        returned_at: returnedAt,
        found_place: rand.pick(PLACES),
        police_reference: `NM-DEMO-${String(episodes.length + 1).padStart(4, '0')}`,
        risk_grade: rand.weighted([
          ['no_apparent_risk', 10],
          ['low', 45],
          ['medium', 35],
          ['high', 10],
        ] as const),
        looked_after: placed || ownLac,
        responsible_authority: child.placingAuthority ?? (ownLac ? OWN_AUTHORITY : null),
        placed_by_other_la: placed,
        placing_authority: child.placingAuthority,
        interview_state: completedAt ? 'completed' : outcome === 'declined' ? 'declined' : 'pending',
        rhi_offered: outcome !== 'none',
        rhi_completed_at: completedAt,
        rhi_declined_reason: declineReason,
        created_by: createdBy,
        created_at: reportedAt,
      });
      if (outcome === 'none') continue;
      interviews.push({
        partnership_id: pid,
        episode_id: id,
        status: completedAt ? 'completed' : outcome === 'declined' ? 'declined' : 'offered',
        offered_at: offeredAt,
        offered_by: 'Demo RHI Officer',
        completed_at: completedAt,
        completed_by: completedAt ? 'Demo RHI Officer' : null,
        declined_at: outcome === 'declined' ? new Date(offeredAt.getTime() + 2 * HOUR) : null,
        decline_reason: declineReason,
        ...whatTheChildSaid(rand, completedAt !== null),
        updated_by: createdBy,
        updated_at: completedAt ?? offeredAt,
      });
    }
  });
}
