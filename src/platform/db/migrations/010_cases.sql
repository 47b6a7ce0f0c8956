-- The child's (or adult's) exploitation case: opened by the first referral accepted at triage, one per person,
-- reopened (not duplicated) by a later accepted referral; every status change is kept in case_status_history.
create table exploitation_case (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  person_id uuid not null,
  status text not null check (status in ('open','under_review','stepped_down','closed')),
  status_reason text,
  status_changed_at timestamptz not null,
  -- The latest triage decision's level and category, when and by whom.
  risk_level text not null check (risk_level in ('no_risk','low','medium','high')),
  category text not null,
  risk_decision_id uuid,
  risk_decided_at timestamptz not null,
  risk_decided_by uuid,
  lead_agency_id uuid,
  allocated_worker_id uuid,
  key_worker_id uuid,
  ward text,
  review_due date,
  last_reviewed_at timestamptz,
  closure_reason text,
  closure_detail text,
  opened_at timestamptz not null,
  closed_at timestamptz,
  -- Optimistic concurrency: a change names the version it read; a stale one is refused (409), never overwrites.
  version integer not null default 1,
  primary key (partnership_id, id),
  unique (partnership_id, person_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, lead_agency_id) references agency(partnership_id, id),
  foreign key (partnership_id, allocated_worker_id) references app_user(partnership_id, id),
  foreign key (partnership_id, key_worker_id) references app_user(partnership_id, id)
);
-- The hub's list: each filter has an index that also carries what the counts group by (risk level, status) and what
-- the page sorts by (review due), so a count is an index-only scan and a page an index range read in order.
create index exploitation_case_list_idx on exploitation_case (partnership_id, status, risk_level, review_due, id);
create index exploitation_case_review_idx on exploitation_case (partnership_id, review_due, id) include (risk_level, status, lead_agency_id) where status <> 'closed';
create index exploitation_case_allocated_idx on exploitation_case (partnership_id, allocated_worker_id, review_due, id) include (risk_level, status, lead_agency_id);
create index exploitation_case_lead_idx on exploitation_case (partnership_id, lead_agency_id, review_due, id) include (risk_level, status, allocated_worker_id);
create index exploitation_case_category_idx on exploitation_case (partnership_id, category, review_due, id) include (risk_level, status, lead_agency_id, allocated_worker_id);
create index exploitation_case_ward_idx on exploitation_case (partnership_id, lower(ward), review_due, id) include (ward, risk_level, status, lead_agency_id, allocated_worker_id);
-- The age band filter: people born in a range (with sex, for the two together).
create index person_birth_idx on person (partnership_id, date_of_birth) include (sex, id);

create table case_status_history (
  partnership_id uuid not null,
  id uuid not null,
  case_id uuid not null,
  status text not null,
  reason text,
  detail text,
  changed_at timestamptz not null,
  changed_by uuid,
  primary key (partnership_id, id),
  foreign key (partnership_id, case_id) references exploitation_case(partnership_id, id)
);
create index case_status_history_case_idx on case_status_history (partnership_id, case_id, changed_at desc);

create table case_review (
  partnership_id uuid not null,
  id uuid not null,
  case_id uuid not null,
  reviewed_at timestamptz not null,
  reviewed_by uuid not null,
  notes text not null,
  next_review_due date not null,
  primary key (partnership_id, id),
  foreign key (partnership_id, case_id) references exploitation_case(partnership_id, id)
);
create index case_review_case_idx on case_review (partnership_id, case_id, reviewed_at desc);

-- Per-partnership settings; absent rows fall back to the defaults in cases/domain.ts (High 4, Medium 6, Low 12 weeks).
create table case_review_interval (
  partnership_id uuid not null references partnership(id),
  risk_level text not null check (risk_level in ('low','medium','high')),
  weeks integer not null check (weeks between 1 and 52),
  primary key (partnership_id, risk_level)
);

create table case_closure_reason (
  partnership_id uuid not null references partnership(id),
  code text not null,
  label text not null,
  needs_detail boolean not null default false,
  active boolean not null default true,
  position integer not null default 0,
  primary key (partnership_id, code)
);

-- "The owner of an open action on the child may read the child": the rule looks up open actions by owner agency.
create index triage_action_owner_open_idx on triage_action (partnership_id, owner_agency_id, referral_id) where status = 'open';
