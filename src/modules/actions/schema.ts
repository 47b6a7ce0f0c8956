// Table types of the action tracker and the multi-agency plan (migration 017), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface TriageActionTable {
    source_kind: Generated<string>;
    source_id: string | null;
    person_id: string | null;
    context: string | null;
    owner_user_id: string | null;
    plan_id: string | null;
  }
  interface PartnershipTable {
    action_escalation_days: Generated<number>;
  }
  interface AppUserTable {
    manager_user_id: string | null;
  }
  interface DB {
    action_history: {
      partnership_id: string;
      seq: Generated<string>;
      action_id: string;
      at: Timestamp;
      by_user_id: string | null;
      change: string;
      details: ColumnType<Record<string, unknown>, string, string>;
    };
    action_reminder: { partnership_id: string; action_id: string; kind: string; due_on: string; sent_on: string };
    case_plan: { partnership_id: string; id: string; person_id: string; created_by: string; created_at: Generated<Date> };
    plan_goal: {
      partnership_id: string;
      id: string;
      plan_id: string;
      description: string;
      target_date: string | null;
      status: Generated<string>;
      created_by: string;
      created_at: Generated<Date>;
    };
    plan_review: {
      partnership_id: string;
      id: string;
      plan_id: string;
      reviewed_on: string;
      meeting_id: string | null;
      summary: string;
      recorded_by: string;
      created_at: Generated<Date>;
    };
  }
}
