// Table types of the delivery plan (migration 028), merged into the database's types.
import type { Generated } from 'kysely';

declare module '../../platform/db/schema.ts' {
  interface DB {
    delivery_plan: {
      partnership_id: string;
      id: string;
      name: string;
      period_from: string;
      period_to: string;
      created_by: string;
      created_at: Generated<Date>;
    };
    delivery_priority: { partnership_id: string; id: string; plan_id: string; number: number; title: string };
    delivery_objective: { partnership_id: string; id: string; priority_id: string; number: number; text: string };
    delivery_action: {
      partnership_id: string;
      id: string;
      plan_id: string;
      objective_id: string;
      number: number;
      text: string;
      lead_officer: string;
      lead_organisation: string;
      lead_user_id: string | null;
      due_on: string;
      status: Generated<string>;
      rag: string | null;
      created_at: Generated<Date>;
    };
    delivery_action_progress: {
      partnership_id: string;
      id: string;
      action_id: string;
      dated_on: string;
      text: string;
      author_user_id: string | null;
      author_name: string;
      created_at: Generated<Date>;
    };
  }
}
