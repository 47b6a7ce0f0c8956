// Table types of committee meetings, questions, resolutions and produced reports (migration 031).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    committee_meeting: {
      partnership_id: string;
      id: string;
      committee: string;
      held_on: string;
      title: string;
      created_by: string;
      created_at: Generated<Date>;
    };
    committee_question: {
      partnership_id: string;
      id: string;
      meeting_id: string;
      number: number;
      asked_by: string;
      question: string;
      answer: string | null;
      answered_by: string | null;
      answered_on: string | null;
    };
    committee_resolution: {
      partnership_id: string;
      id: string;
      meeting_id: string;
      number: number;
      text: string;
      evidence_promised: string | null;
      report_kind: string | null;
      cadence: string | null;
      first_period_start: string | null;
      next_due_on: string | null;
    };
    committee_report: {
      partnership_id: string;
      id: string;
      resolution_id: string;
      kind: string;
      period_from: string;
      period_to: string;
      figures: Json;
      produced_at: Timestamp;
      produced_by: string | null;
      produced_by_name: string;
    };
  }
}
