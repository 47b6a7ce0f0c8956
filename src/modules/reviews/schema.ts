// Table types of reviews and recommendations (migrations 025, 026 and 032), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    review: { partnership_id: string; id: string; name: string; kind: string; created_by: string; created_at: Generated<Date>; update_cadence: string | null };
    recommendation: {
      partnership_id: string;
      id: string;
      review_id: string;
      number: number;
      text: string;
      addressee: string | null;
      lead_officer: string | null;
      lead_organisation: string | null;
      response: string | null;
      response_comment: string | null;
      timescale: string | null;
      status: Generated<string>;
      rag: string | null;
      signed_off_by: string | null;
      signed_off_name: string | null;
      signed_off_role: string | null;
      signed_off_at: Timestamp | null;
      next_update_due: string | null;
      lead_user_id: string | null;
    };
    recommendation_evidence: {
      partnership_id: string;
      id: string;
      recommendation_id: string;
      kind: 'report' | 'document';
      title: string;
      report_kind: string | null;
      period_from: string | null;
      period_to: string | null;
      file_name: string | null;
      content_type: string | null;
      content: Buffer | null;
      added_by: string;
      added_by_name: string;
      added_at: Generated<Date>;
    };
    recommendation_reminder: { partnership_id: string; recommendation_id: string; kind: string; due_on: string; sent_on: string };
    recommendation_update_request: {
      partnership_id: string;
      id: string;
      recommendation_id: string;
      requested_of: string;
      requested_on: string;
      requested_by: string;
      requested_by_name: string;
      received_progress_id: string | null;
      received_on: string | null;
      created_at: Generated<Date>;
    };
    recommendation_progress: {
      partnership_id: string;
      id: string;
      recommendation_id: string;
      dated_on: string | null;
      text: string;
      author_user_id: string | null;
      author_name: string;
      created_at: Generated<Date>;
    };
  }
}
