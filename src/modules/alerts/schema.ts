// Table types of cumulative concern alerts (migrations 037, 041), merged into the database's types.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    alert_settings: {
      partnership_id: string;
      min_agencies: number;
      window_days: number;
      updated_by: string;
      updated_at: Timestamp;
    };
    alert: {
      partnership_id: string;
      id: string;
      kind: string;
      /** Exactly one of person_id and context_id (041). */
      person_id: string | null;
      context_id: ColumnType<string | null, string | null | undefined, string | null>;
      min_agencies: number;
      window_days: number;
      raised_at: Timestamp;
      updated_at: Timestamp;
      dismissed_at: Timestamp | null;
      dismissed_by: string | null;
      dismissed_reason: string | null;
    };
    concern_signal: {
      partnership_id: string;
      id: string;
      person_id: string | null;
      context_id: ColumnType<string | null, string | null | undefined, string | null>;
      agency_id: string;
      kind: string;
      label: string;
      at: Timestamp;
      alert_id: string | null;
    };
  }
}
