// Kysely table types (over 400 lines: one interface per table, kept in one file so the schema reads as a whole). Dates (`date` columns) come back as 'YYYY-MM-DD' strings; see connect.ts.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PartnershipTable {
  id: string;
  name: string;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface AgencyTable {
  partnership_id: string;
  id: string;
  name: string;
  sector: string;
  active: Generated<boolean>;
  triage_core: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  partnership_id: string;
  id: string;
  email: string;
  name: string;
  agency_id: string;
  role: string;
  password_hash: string | null;
  mfa_secret: string | null;
  mfa_enabled: Generated<boolean>;
  mfa_last_step: Generated<number | null>;
  failed_attempts: Generated<number>;
  locked_until: Timestamp | null;
  active: Generated<boolean>;
  invite_token_hash: string | null;
  invite_expires_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface UserSessionTable {
  token_hash: string;
  partnership_id: string;
  user_id: string;
  mfa_passed: Generated<boolean>;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface ApiTokenTable {
  partnership_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface PersonTable {
  partnership_id: string;
  id: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  dob_precision: Generated<string>;
  sex: string | null;
  ethnicity: string | null;
  first_language: string | null;
  address: string | null;
  postcode: string | null;
  nhs_number: string | null;
  police_reference: string | null;
  la_case_reference: string | null;
  school_upn: string | null;
  placed_by_other_la: Generated<boolean>;
  placing_authority: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PersonAliasTable {
  partnership_id: string;
  id: string;
  person_id: string;
  given_name: string | null;
  family_name: string | null;
}

export interface PersonAgencyTable {
  partnership_id: string;
  person_id: string;
  agency_id: string;
  since: Generated<Date>;
}

export interface ReferralTable {
  partnership_id: string;
  id: string;
  reference: string;
  person_id: string;
  received_at: Timestamp;
  referring_agency_id: string;
  referrer_name: string;
  referrer_role: string | null;
  referrer_contact: string | null;
  referrer_user_id: string | null;
  concerns: string;
  exploitation_types: string[];
  indicators: string[];
  consent: string;
  lawful_basis_reason: string | null;
  /** The data sharing agreement the sharing relies on, where there is one (migration 024). */
  sharing_agreement_id: Generated<string | null>;
  urgency: string;
  status: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  triage_outcome: Generated<string | null>;
  triage_category: Generated<string | null>;
  triaged_at: Generated<Date | null>;
}

export interface IdempotencyKeyTable {
  partnership_id: string;
  user_id: string;
  key: string;
  resource_id: string;
  request_hash: string | null;
  created_at: Generated<Date>;
}

export interface AuditEventTable {
  /** Append order (identity); the chain's order is seq. */
  id: Generated<number>;
  partnership_id: string;
  /** Null until sealed (migration 008): seq, prev_hash, hash, hmac and sealed_at are set together by the sealer. */
  seq: ColumnType<number | null, never, number>;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  person_id: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: ColumnType<string | null, never, string>;
  hash: ColumnType<string | null, never, string>;
  hmac: ColumnType<string | null, never, string>;
  sealed_at: ColumnType<Date | null, never, Date>;
}

export interface CounterTable {
  partnership_id: string;
  name: string;
  value: number;
}

type Json<T> = ColumnType<T, string, string>;

export interface ScreeningToolkitTable {
  partnership_id: string;
  id: string;
  version: number;
  name: string;
  definition: Json<unknown>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ScreeningTable {
  partnership_id: string;
  id: string;
  referral_id: string;
  person_id: string;
  toolkit_id: string;
  toolkit_version: number;
  answers: Json<Record<string, string>>;
  score: number;
  suggested_level: string;
  drivers: Json<unknown[]>;
  forced_by: Json<unknown[]>;
  level: string;
  override_reason: string | null;
  screened_by: string;
  screened_by_agency_id: string;
  screened_at: Timestamp;
  rescreen_due: string;
}

export interface TriageMeetingTable {
  partnership_id: string;
  id: string;
  meeting_date: string;
  chair_agency_id: string | null;
  chair_name: string | null;
  notes: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface TriageAttendanceTable {
  partnership_id: string;
  meeting_id: string;
  agency_id: string;
  attendee_name: Generated<string>;
}

export interface TriageDecisionTable {
  partnership_id: string;
  id: string;
  referral_id: string;
  meeting_id: string;
  outcome: string;
  category: string;
  rationale: string;
  decided_at: Timestamp;
  decided_by: string;
  created_at: Generated<Date>;
}

export interface TriageActionTable {
  partnership_id: string;
  id: string;
  decision_id: string;
  referral_id: string;
  description: string;
  owner_agency_id: string;
  owner_name: string | null;
  due_date: string;
  status: Generated<string>;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface DB {
  partnership: PartnershipTable;
  agency: AgencyTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  person: PersonTable;
  person_alias: PersonAliasTable;
  person_agency: PersonAgencyTable;
  referral: ReferralTable;
  idempotency_key: IdempotencyKeyTable;
  audit_event: AuditEventTable;
  counter: CounterTable;
  screening_toolkit: ScreeningToolkitTable;
  screening: ScreeningTable;
  triage_meeting: TriageMeetingTable;
  triage_attendance: TriageAttendanceTable;
  triage_decision: TriageDecisionTable;
  triage_action: TriageActionTable;
  schema_migration: { name: string; applied_at: Generated<Date> };
}

// Missing children (migration 003). Merged into DB by declaration merging, so this block is self-contained.
export interface MissingEpisodeTable {
  partnership_id: string;
  id: string;
  person_id: string;
  classification: string;
  reported_at: Timestamp;
  last_seen_at: Timestamp | null;
  last_seen_place: string | null;
  returned_at: Timestamp | null;
  found_place: string | null;
  police_reference: string | null;
  risk_grade: string;
  looked_after: Generated<boolean>;
  responsible_authority: string | null;
  placed_by_other_la: Generated<boolean>;
  placing_authority: string | null;
  interview_state: Generated<string>;
  rhi_offered: Generated<boolean>;
  rhi_completed_at: Timestamp | null;
  rhi_declined_reason: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ReturnInterviewTable {
  partnership_id: string;
  episode_id: string;
  status: string;
  offered_at: Timestamp | null;
  offered_by: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
  declined_at: Timestamp | null;
  decline_reason: string | null;
  decline_reason_detail: string | null;
  where_went: string | null;
  who_with: string | null;
  travel: string | null;
  push_factors: string | null;
  pull_factors: string | null;
  disclosures: string | null;
  next_steps: string | null;
  referral_id: string | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface PhilomenaProfileTable {
  partnership_id: string;
  person_id: string;
  description: string | null;
  associates: string | null;
  places: string | null;
  phones: string | null;
  social_media: string | null;
  medical_needs: string | null;
  other_information: string | null;
  photo: Buffer | null;
  photo_type: string | null;
  photo_updated_at: Timestamp | null;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface MissingRuleTable {
  partnership_id: string;
  episodes: number;
  within_days: number;
  updated_by: string;
  updated_at: Generated<Date>;
}

export interface RepeatMissingAlertTable {
  partnership_id: string;
  id: string;
  person_id: string;
  episode_id: string;
  rule_episodes: number;
  rule_within_days: number;
  created_at: Generated<Date>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface MissingNoticeTable {
  partnership_id: string;
  id: string;
  episode_id: string;
  person_id: string;
  kind: string;
  recipient: string;
  method: string;
  sent_at: Timestamp;
  body: string;
  created_by: string;
  created_at: Generated<Date>;
}

export interface NotificationTable {
  partnership_id: string;
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  person_id: string | null;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}

export interface DB {
  missing_episode: MissingEpisodeTable;
  return_interview: ReturnInterviewTable;
  philomena_profile: PhilomenaProfileTable;
  missing_rule: MissingRuleTable;
  repeat_missing_alert: RepeatMissingAlertTable;
  missing_notice: MissingNoticeTable;
  notification: NotificationTable;
}

// Person matching (migration 004).
export interface PersonMatchKeyTable {
  partnership_id: string;
  rule: string;
  key: string;
  person_id: string;
}

export interface PersonMatchModelTable {
  partnership_id: string;
  params: ColumnType<unknown, string, string>;
  trained_on: number;
  trained_at: Generated<Date>;
  trained_by: string;
}

export interface PersonMergeTable {
  partnership_id: string;
  id: string;
  merged_person_id: string;
  surviving_person_id: string;
  merged_by: string | null;
  merged_by_label: string;
  merged_at: Generated<Date>;
  moved_referral_ids: ColumnType<string[], string[] | undefined, string[]>;
  added_agency_ids: ColumnType<string[], string[] | undefined, string[]>;
  undone_by: string | null;
  undone_by_label: string | null;
  undone_at: Timestamp | null;
  /** Level each comparison reached when decided (migration 040); null before. */
  comparison?: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface PersonNotSameTable {
  partnership_id: string;
  person_a: string;
  person_b: string;
  decided_by: string | null;
  decided_by_label: string;
  decided_at: Generated<Date>;
  /** Level each comparison reached when decided (migration 040); null before. */
  comparison?: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface PersonMatchSuspectTable {
  partnership_id: string;
  person_a: string;
  person_b: string;
  probability: number;
  match_weight: number;
  explanation: ColumnType<unknown, string, string>;
  found_at: Generated<Date>;
}

export interface DB {
  person_match_key: PersonMatchKeyTable;
  person_match_model: PersonMatchModelTable;
  person_merge: PersonMergeTable;
  person_not_same: PersonNotSameTable;
  person_match_suspect: PersonMatchSuspectTable;
  /** Suspected-duplicate clusters: one row per person in a cluster of two or more (migration 042). */
  person_cluster: { partnership_id: string; person_id: string; cluster_id: string };
}

// People search keys, the child's voice, transition plans (migration 012).
export interface DB {
  person_search_key: { partnership_id: string; kind: string; key: string; person_id: string };
  person_voice: {
    partnership_id: string;
    id: string;
    person_id: string;
    recorded_in: string;
    record_id: string | null;
    child_views: string | null;
    family_views: string | null;
    recorded_at: Generated<Date>;
    recorded_by: string | null;
    recorded_by_label: string;
    recorded_by_agency: string | null;
  };
  transition_plan: { partnership_id: string; person_id: string; action_id: string; created_at: Generated<Date> };
}

// Intelligence and disruption (migration 005).
export interface IntelEntityTable {
  partnership_id: string;
  id: string;
  kind: string;
  label: string;
  person_id: string | null;
  location_type: string | null;
  ward: string | null;
  x: number | null;
  y: number | null;
  registration: string | null;
  make: string | null;
  colour: string | null;
  organisation_type: string | null;
  group_type: string | null;
  phone_number: string | null;
  platform: string | null;
  handle: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface IntelItemTable {
  partnership_id: string;
  id: string;
  summary: string;
  category: string;
  occurred_on: string;
  source_grade: number;
  intel_grade: string;
  handling: string;
  handling_conditions: string | null;
  release_roles: ColumnType<string[], string[] | undefined, string[]>;
  release_agency_ids: ColumnType<string[], string[] | undefined, string[]>;
  agency_id: string;
  source_record: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface IntelLinkTable {
  partnership_id: string;
  id: string;
  from_entity: string;
  to_entity: string;
  link_type: string;
  from_role: string | null;
  to_role: string | null;
  since: string | null;
  until: string | null;
  item_id: string | null;
  category: Generated<string>;
  occurred_on: string;
  source_grade: number;
  intel_grade: string;
  handling: string;
  handling_conditions: string | null;
  release_roles: ColumnType<string[], string[] | undefined, string[]>;
  release_agency_ids: ColumnType<string[], string[] | undefined, string[]>;
  agency_id: string;
  source_record: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface DisruptionTacticTable {
  partnership_id: string;
  code: string;
  label: string;
  target_kinds: ColumnType<string[], string[], string[]>;
  active: Generated<boolean>;
}

export interface DisruptionActivityTable {
  partnership_id: string;
  id: string;
  tactic: string;
  target_entity_id: string;
  owner_agency_id: string;
  owner_name: string | null;
  started_on: string;
  ended_on: string | null;
  status: string;
  outcome: string | null;
  outcome_notes: string | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DB {
  intel_entity: IntelEntityTable;
  intel_item: IntelItemTable;
  intel_link: IntelLinkTable;
  disruption_tactic: DisruptionTacticTable;
  disruption_activity: DisruptionActivityTable;
}

export interface DomainEventTable {
  partnership_id: string;
  id: string;
  name: string;
  subject_type: string;
  subject_id: string | null;
  person_id: string | null;
  actor_id: string | null;
  actor_label: string;
  at: Timestamp;
  changes: unknown;
  handling: unknown;
}

export interface DB {
  domain_event: DomainEventTable;
}

// Sign-in (migration 009): two-factor attempt limit, WebAuthn challenges and passkeys.
export interface AppUserTable {
  mfa_failed_attempts: Generated<number>;
  mfa_locked_until: Timestamp | null;
}

export interface UserSessionTable {
  webauthn_challenge: string | null;
}

export interface PasskeyCredentialTable {
  partnership_id: string;
  id: string;
  user_id: string;
  public_key: string;
  counter: Generated<number>;
  transports: Generated<string[]>;
  name: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
}

export interface DB {
  passkey_credential: PasskeyCredentialTable;
}

// Flash messages (migration 013): a success banner shown once, on the session's next page.
export interface SessionFlashTable {
  token_hash: string;
  message: string;
  created_at: Generated<Date>;
}

export interface DB {
  session_flash: SessionFlashTable;
}

export interface TriageActionTable {
  /** Why it was cancelled (migration 013). */
  status_reason: string | null;
}

// Cases (migration 010): the child's exploitation case, its status history, reviews and per-partnership settings.
export interface ExploitationCaseTable {
  partnership_id: string;
  id: string;
  person_id: string;
  status: string;
  status_reason: string | null;
  status_changed_at: Timestamp;
  risk_level: string;
  category: string;
  risk_decision_id: string | null;
  risk_decided_at: Timestamp;
  risk_decided_by: string | null;
  lead_agency_id: string | null;
  allocated_worker_id: string | null;
  key_worker_id: string | null;
  ward: string | null;
  review_due: string | null;
  last_reviewed_at: Timestamp | null;
  closure_reason: string | null;
  closure_detail: string | null;
  opened_at: Timestamp;
  closed_at: Timestamp | null;
  version: Generated<number>;
}

export interface CaseStatusHistoryTable {
  partnership_id: string;
  id: string;
  case_id: string;
  status: string;
  reason: string | null;
  detail: string | null;
  changed_at: Timestamp;
  changed_by: string | null;
}

export interface CaseReviewTable {
  partnership_id: string;
  id: string;
  case_id: string;
  reviewed_at: Timestamp;
  reviewed_by: string;
  notes: string;
  next_review_due: string;
}

export interface DB {
  exploitation_case: ExploitationCaseTable;
  case_status_history: CaseStatusHistoryTable;
  case_review: CaseReviewTable;
  case_review_interval: { partnership_id: string; risk_level: string; weeks: number };
  case_closure_reason: {
    partnership_id: string;
    code: string;
    label: string;
    needs_detail: Generated<boolean>;
    active: Generated<boolean>;
    position: Generated<number>;
  };
}

// Information requests (migration 011): the hub asks an agency what it holds about a referral's person.
export interface InformationRequestTable {
  partnership_id: string;
  id: string;
  referral_id: string;
  person_id: string;
  agency_id: string;
  question: string;
  due_date: string;
  status: Generated<string>;
  answer: string | null;
  answered_at: Timestamp | null;
  answered_by: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface DB {
  information_request: InformationRequestTable;
}

// Training and awareness (migration 014).
export interface TrainingCourseTable {
  partnership_id: string;
  id: string;
  name: string;
  level: string | null;
  validity_months: number | null;
  created_at: Generated<Date>;
}

export interface TrainingOrgTable {
  partnership_id: string;
  id: string;
  name: string;
  kind: string;
  reach_status: string | null;
  reach_notes: string | null;
  reach_updated_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface TrainingCohortTable {
  partnership_id: string;
  id: string;
  name: string;
  course_id: string;
  rule: string;
  months: number;
  start_date: string | null;
  due_soon_days: Generated<number>;
  green_pct: Generated<number>;
  amber_pct: Generated<number>;
  created_at: Generated<Date>;
}

export interface TrainingMemberTable {
  partnership_id: string;
  id: string;
  cohort_id: string;
  reference: string;
  name: string;
  org_id: string | null;
  email: string | null;
  user_id: string | null;
  joined_on: string;
  created_at: Generated<Date>;
}

export interface TrainingCompletionTable {
  partnership_id: string;
  id: string;
  member_id: string;
  course_id: string;
  completed_on: string;
  source: string;
  import_id: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface TrainingImportTable {
  partnership_id: string;
  id: string;
  cohort_id: string;
  filename: string;
  format: string;
  file: Buffer | null;
  headers: ColumnType<string[], string | undefined, string>;
  mapping: ColumnType<Record<string, string> | null, string | null, string | null>;
  status: string;
  total_rows: number | null;
  processed_rows: Generated<number>;
  progress_pct: Generated<number>;
  valid_rows: Generated<number>;
  error_rows: Generated<number>;
  errors: ColumnType<{ line: number; field: string; message: string }[], string | undefined, string>;
  failure: string | null;
  added_completions: number | null;
  added_members: number | null;
  created_by: string | null;
  created_at: Generated<Date>;
  confirmed_at: Timestamp | null;
}

export interface TrainingImportRowTable {
  partnership_id: string;
  import_id: string;
  line: number;
  reference: string;
  name: string;
  org_name: string | null;
  email: string | null;
  completed_on: string;
}

export interface DB {
  training_course: TrainingCourseTable;
  training_org: TrainingOrgTable;
  training_cohort: TrainingCohortTable;
  training_member: TrainingMemberTable;
  training_completion: TrainingCompletionTable;
  training_import: TrainingImportTable;
  training_import_row: TrainingImportRowTable;
  training_reminder: { partnership_id: string; id: string; member_id: string; channel: string; status: string; reason: string; created_at: Generated<Date> };
  training_campaign: {
    partnership_id: string;
    id: string;
    name: string;
    description: string | null;
    languages: ColumnType<string[], string[] | undefined, string[]>;
    starts_on: string | null;
    ends_on: string | null;
    created_at: Generated<Date>;
  };
  training_session: {
    partnership_id: string;
    id: string;
    held_on: string;
    title: string;
    audience: string;
    org_id: string | null;
    campaign_id: string | null;
    reached: number;
    language: Generated<string>;
    created_at: Generated<Date>;
  };
  training_evaluation: {
    partnership_id: string;
    id: string;
    session_id: string | null;
    course_id: string | null;
    before_score: number;
    after_score: number;
    created_at: Generated<Date>;
  };
  training_report_resolution: {
    partnership_id: string;
    report: string;
    period: string;
    resolution: string;
    linked_by: string | null;
    linked_at: Generated<Date>;
  };
}
