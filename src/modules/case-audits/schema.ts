// Table types of multi-agency case audits (migration 030), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    case_audit_template: { partnership_id: string; id: string; name: string; theme: string; created_by: string; created_at: Generated<Date> };
    case_audit_question: { partnership_id: string; template_id: string; number: number; text: string };
    case_audit_round: {
      partnership_id: string;
      id: string;
      template_id: string;
      name: string;
      period_from: string;
      period_to: string;
      risk_levels: string[];
      categories: string[];
      sample_size: number;
      seed: number;
      population: number;
      status: Generated<string>;
      created_by: string;
      created_at: Generated<Date>;
      completed_at: Timestamp | null;
    };
    case_audit_agency: { partnership_id: string; round_id: string; agency_id: string };
    case_audit_case: { partnership_id: string; id: string; round_id: string; number: number; case_id: string; person_id: string };
    case_audit_answer: {
      partnership_id: string;
      round_id: string;
      audit_case_id: string;
      agency_id: string;
      question_number: number;
      grade: string;
      comment: string;
      answered_by: string;
      answered_at: Timestamp;
    };
    case_audit_finding: { partnership_id: string; id: string; round_id: string; number: number; text: string; created_by: string; created_at: Generated<Date> };
  }
}
