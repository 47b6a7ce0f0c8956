// SQL for flash messages: one per session, replaced by a newer one, taken (deleted) when shown.
import type { Db } from '../db/connect.ts';

export async function putFlash(db: Db, tokenHash: string, message: string): Promise<void> {
  await db
    .insertInto('session_flash')
    .values({ token_hash: tokenHash, message })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet({ message, created_at: new Date() }))
    .execute();
}

/** The message, deleted in the same statement, so two pages rendering at once cannot both show it. */
export async function takeFlash(db: Db, tokenHash: string): Promise<string | null> {
  const row = await db.deleteFrom('session_flash').where('token_hash', '=', tokenHash).returning('message').executeTakeFirst();
  return row?.message ?? null;
}
