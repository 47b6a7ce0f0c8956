// Table types of support services and onward referrals (migration 033), merged into the database's types.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

declare module '../../platform/db/schema.ts' {
  interface DB {
    support_service: {
      partnership_id: string;
      id: string;
      name: string;
      provider_agency_id: string;
      type: string;
      eligibility: string | null;
      age_from: number | null;
      age_to: number | null;
      capacity: number | null;
      contact_name: string | null;
      contact_phone: string | null;
      contact_email: string | null;
      active: Generated<boolean>;
      created_at: Generated<Timestamp>;
    };
    support_referral: {
      partnership_id: string;
      id: string;
      service_id: string;
      person_id: string;
      status: string;
      reason: string;
      sent_on: string;
      sent_by: string;
      decided_on: string | null;
      decision_reason: string | null;
      started_on: string | null;
      ended_on: string | null;
      outcome: string | null;
      outcome_note: string | null;
      created_at: Generated<Timestamp>;
    };
  }
}
