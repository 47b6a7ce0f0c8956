// Table types of the job queue (migration 015), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface JobTable {
  id: Generated<number>;
  queue: string;
  key: string;
  payload: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string>;
  run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Timestamp | null;
  last_error: string | null;
  done_at: Timestamp | null;
  failed_at: Timestamp | null;
  created_at: Generated<Date>;
}

declare module '../db/schema.ts' {
  interface DB {
    job: JobTable;
  }
}
