// Table types of flags that travel (migration 036), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    person_flag: {
      partnership_id: string;
      id: string;
      person_id: string;
      flag: Generated<string>;
      from_on: string;
      until_on: string | null;
      contact_name: string;
      contact_phone: string | null;
      contact_email: string | null;
      contact_agency: string;
      set_by: string;
      set_at: Timestamp;
      ended_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
      ended_by: string | null;
    };
  }
}
