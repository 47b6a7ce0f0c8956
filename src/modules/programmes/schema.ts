// Table types of programmes and outcome measures (migration 034), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    outcome_scale: {
      partnership_id: string;
      id: string;
      name: string;
      kind: string;
      areas: string[];
      min_score: number;
      max_score: number;
      created_at: Generated<Date>;
    };
    outcome_record: {
      partnership_id: string;
      id: string;
      person_id: string;
      scale_id: string;
      recorded_on: string;
      scores: ColumnType<Record<string, number>, string, string>;
      value: ColumnType<string, number, number>;
      recorded_by: string | null;
      recorded_by_name: string;
      recorded_at: Timestamp;
    };
    programme: {
      partnership_id: string;
      id: string;
      name: string;
      description: string | null;
      risk_levels: string[];
      age_from: number | null;
      age_to: number | null;
      caseload_cap: number;
      starts_on: string;
      created_by: string;
      created_at: Generated<Date>;
    };
    programme_indicator: {
      partnership_id: string;
      programme_id: string;
      position: number;
      kind: string;
      measure: string;
      scale_id: string | null;
      label: string;
    };
    programme_allocation: {
      partnership_id: string;
      id: string;
      programme_id: string;
      person_id: string;
      case_id: string;
      worker_id: string;
      joined_on: string;
      left_on: string | null;
      left_reason: string | null;
      created_at: Generated<Date>;
    };
  }
}
