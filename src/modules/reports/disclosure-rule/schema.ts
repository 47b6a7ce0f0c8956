// Table type of the partnership's disclosure rule (migration 043), merged into the database's types.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../../platform/db/schema.ts' {
  interface DB {
    disclosure_rule: {
      partnership_id: string;
      threshold: number;
      rounding: string;
      secondary: boolean;
      updated_by: string;
      updated_at: Timestamp;
    };
  }
}
