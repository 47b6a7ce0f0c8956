// Whether the database answers: for /health.
import type { Db } from './connect.ts';

export async function databaseAnswers(db: Db): Promise<boolean> {
  try {
    await db.selectFrom('partnership').select('id').limit(1).execute();
    return true;
  } catch {
    return false;
  }
}
