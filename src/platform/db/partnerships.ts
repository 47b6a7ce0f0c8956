// The partnership a command-line change applies to when none is named, and the database's health.
import { randomUUID } from 'node:crypto';
import type { Db } from './connect.ts';

/** The oldest partnership, created (with this name) when there is none. */
export async function defaultPartnershipId(db: Db, name: string): Promise<string> {
  const first = await db.selectFrom('partnership').select('id').orderBy('created_at').orderBy('id').executeTakeFirst();
  if (first) return first.id;
  const id = randomUUID();
  await db.insertInto('partnership').values({ id, name }).execute();
  return id;
}

/** Whether the database answers: for /health. */
export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.selectFrom('partnership').select('id').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
