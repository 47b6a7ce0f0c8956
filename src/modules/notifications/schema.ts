// Table types of e-mail notifications (migration 015), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface NotificationTable {
    event_id: string | null;
    digest_pending: Generated<boolean>;
    emailed_at: Timestamp | null;
  }
  interface DB {
    notification_trigger_setting: { partnership_id: string; trigger: string; enabled: boolean; updated_by: string | null; updated_at: Generated<Date> };
    notification_preference: { partnership_id: string; user_id: string; daily_digest: boolean; updated_at: Generated<Date> };
  }
}
