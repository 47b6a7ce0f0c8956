// SQL for the interview-due reminder: returned episodes whose 72-hour interview deadline falls within the next
// `withinHours`, no interview completed or declined, and no reminder event written yet.
import { sql } from 'kysely';
import type { Db } from '../../../../platform/db/connect.ts';

// The event sweep.ts declares (the names match: the chronology's registry test reads the declaration).
export const REMINDER_EVENT = 'return_interview.due';

export interface DueSoon {
  episode_id: string;
  person_id: string;
  returned_at: Date;
}

/** Episodes to remind about now: returned between (deadline - withinHours) and the deadline ago, still pending. */
export async function dueSoon(db: Db, partnershipId: string, now: Date, dueHours: number, withinHours: number): Promise<DueSoon[]> {
  const notBefore = new Date(now.getTime() - dueHours * 3_600_000);
  const notAfter = new Date(now.getTime() - (dueHours - withinHours) * 3_600_000);
  return db
    .selectFrom('missing_episode as e')
    .select(['e.id as episode_id', 'e.person_id', 'e.returned_at'])
    .where('e.partnership_id', '=', partnershipId)
    .where('e.returned_at', 'is not', null)
    .where('e.interview_state', '=', 'pending')
    .where('e.returned_at', '>', notBefore)
    .where('e.returned_at', '<=', notAfter)
    .where(({ not, exists }) => not(exists(reminded(db, partnershipId))))
    .orderBy('e.returned_at')
    .execute() as Promise<DueSoon[]>;
}

const reminded = (db: Db, partnershipId: string) =>
  db
    .selectFrom('audit_event as a')
    .select(sql`1`.as('one'))
    .where('a.partnership_id', '=', partnershipId)
    .where('a.action', '=', REMINDER_EVENT)
    .where('a.resource_type', '=', 'missing_episode')
    .whereRef('a.resource_id', '=', sql`e.id::text`);

/**
 * Claims one episode for its reminder: locks the episode row (a second sweep, on this server or another, waits here
 * until the first commits) and then checks again that no reminder is written and the interview still pending.
 */
export async function claim(tx: Db, partnershipId: string, episodeId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('missing_episode as e')
    .select('e.id')
    .where('e.partnership_id', '=', partnershipId)
    .where('e.id', '=', episodeId)
    .where('e.interview_state', '=', 'pending')
    .forUpdate()
    .executeTakeFirst();
  if (!row) return false;
  const done = await tx
    .selectFrom('audit_event')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('action', '=', REMINDER_EVENT)
    .where('resource_type', '=', 'missing_episode')
    .where('resource_id', '=', episodeId)
    .executeTakeFirst();
  return !done;
}
