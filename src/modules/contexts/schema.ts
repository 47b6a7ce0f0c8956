// Table types of contexts (migration 035), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    context: {
      partnership_id: string;
      id: string;
      kind: string;
      name: string;
      ward: string | null;
      latitude: number | null;
      longitude: number | null;
      status: Generated<string>;
      concerns: string;
      review_on: string | null;
      opened_by: string;
      opened_at: Timestamp;
    };
    context_assessment_area: { partnership_id: string; code: string; context_kind: string; label: string; active: Generated<boolean> };
    context_assessment: {
      partnership_id: string;
      id: string;
      context_id: string;
      assessed_on: string;
      summary: string | null;
      assessed_by: string;
      created_at: Timestamp;
    };
    context_assessment_rating: { partnership_id: string; assessment_id: string; area_code: string; area_label: string; rating: string; notes: string | null };
    context_person: {
      partnership_id: string;
      context_id: string;
      person_id: string;
      role: string;
      reason: string | null;
      linked_by: string;
      linked_at: Timestamp;
    };
    context_survey: {
      partnership_id: string;
      id: string;
      context_id: string;
      surveyed_on: string;
      respondents: string;
      responses: number;
      percent_safe: ColumnType<string, number | string, number | string>;
      notes: string | null;
      recorded_by: string;
      created_at: Timestamp;
    };
    context_review: {
      partnership_id: string;
      id: string;
      context_id: string;
      reviewed_on: string;
      summary: string;
      status_after: string;
      next_review_on: string | null;
      reviewed_by: string;
      created_at: Timestamp;
    };
  }
}
