// Table types of standards frameworks and their self-assessments (migration 029), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type DateColumn = ColumnType<string, string, string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    standards_framework: {
      partnership_id: string;
      id: string;
      name: string;
      description: string | null;
      per_quarter: Generated<number>;
      starts_on: DateColumn;
      created_by: string;
      created_at: Generated<Date>;
    };
    standard: { partnership_id: string; id: string; framework_id: string; number: number; title: string; description: string | null };
    standard_assessment: {
      partnership_id: string;
      id: string;
      standard_id: string;
      quarter_starts_on: DateColumn;
      rating: string;
      evidence_summary: string;
      assessed_on: DateColumn;
      author_user_id: string | null;
      author_name: string;
      created_at: Generated<Date>;
    };
    standard_evidence_link: { partnership_id: string; assessment_id: string; position: number; title: string; url: string };
  }
}
