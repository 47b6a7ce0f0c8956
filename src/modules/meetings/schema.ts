// Table types of meetings (migration 016), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

declare module '../../platform/db/schema.ts' {
  interface PartnershipTable {
    mace_due_working_days: Generated<number>;
  }
  interface DB {
    meeting_type: {
      partnership_id: string;
      code: string;
      name: string;
      subject: string;
      agenda: string;
      cadence: Generated<string>;
      active: Generated<boolean>;
      default_agenda: ColumnType<string[], string[] | undefined, string[]>;
    };
    meeting: {
      partnership_id: string;
      id: string;
      type_code: string;
      title: string;
      starts_at: Timestamp;
      ends_at: Timestamp;
      location: string | null;
      chair_user_id: string | null;
      chair_name: string | null;
      person_id: string | null;
      entity_id: string | null;
      decision_id: string | null;
      status: Generated<string>;
      invited_at: Timestamp | null;
      started_at: Timestamp | null;
      agenda_snapshot: Json;
      minutes_published_at: Timestamp | null;
      created_by: string;
      created_at: Timestamp;
      version: Generated<number>;
    };
    meeting_invitee: {
      partnership_id: string;
      meeting_id: string;
      id: string;
      agency_id: string;
      user_id: string | null;
      name: string | null;
      attendance: Generated<string>;
    };
    meeting_agenda_item: { partnership_id: string; meeting_id: string; id: string; position: number; title: string };
    meeting_minute: {
      partnership_id: string;
      meeting_id: string;
      id: string;
      item_id: string | null;
      body: string;
      handling: Generated<string>;
      agency_ids: ColumnType<string[], string[] | undefined, string[]>;
      recorded_by: string;
      recorded_agency_id: string;
      recorded_at: Timestamp;
    };
    meeting_decision: {
      partnership_id: string;
      meeting_id: string;
      id: string;
      item_id: string | null;
      text: string;
      recorded_by: string;
      recorded_at: Timestamp;
    };
  }
}
