-- The hub's day: screening toolkits and screenings, daily triage meetings, decisions and actions.

-- Core agencies take turns to chair the daily triage meeting.
alter table agency add column triage_core boolean not null default false;

-- A toolkit is versioned data; a screening keeps the version it was answered against.
create table screening_toolkit (
  partnership_id uuid not null references partnership(id),
  id text not null,
  version integer not null,
  name text not null,
  definition jsonb not null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id, version)
);

create table screening (
  partnership_id uuid not null,
  id uuid not null,
  referral_id uuid not null,
  person_id uuid not null,
  toolkit_id text not null,
  toolkit_version integer not null,
  answers jsonb not null,
  score integer not null,
  suggested_level text not null,
  drivers jsonb not null,
  forced_by jsonb not null,
  level text not null,
  override_reason text,
  screened_by uuid not null,
  screened_by_agency_id uuid not null,
  screened_at timestamptz not null,
  rescreen_due date not null,
  primary key (partnership_id, id),
  foreign key (partnership_id, referral_id) references referral(partnership_id, id),
  foreign key (partnership_id, toolkit_id, toolkit_version) references screening_toolkit(partnership_id, id, version)
);
create index screening_referral_idx on screening (partnership_id, referral_id, screened_at desc);
create index screening_person_idx on screening (partnership_id, person_id, screened_at desc);

-- One meeting per partnership per UK calendar day.
create table triage_meeting (
  partnership_id uuid not null,
  id uuid not null,
  meeting_date date not null,
  chair_agency_id uuid,
  chair_name text,
  notes text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, chair_agency_id) references agency(partnership_id, id)
);
create unique index triage_meeting_day_uq on triage_meeting (partnership_id, meeting_date);

create table triage_attendance (
  partnership_id uuid not null,
  meeting_id uuid not null,
  agency_id uuid not null,
  attendee_name text not null default '',
  primary key (partnership_id, meeting_id, agency_id, attendee_name),
  foreign key (partnership_id, meeting_id) references triage_meeting(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);

-- Every decision is kept; the latest by decided_at (then created order) stands and is copied onto the referral.
create table triage_decision (
  partnership_id uuid not null,
  id uuid not null,
  referral_id uuid not null,
  meeting_id uuid not null,
  outcome text not null check (outcome in ('returned_not_discussed','no_risk','low','medium','high')),
  category text not null check (category in ('ce','ce_and_violence','cse','ce_and_cse','youth_violence','adults','other')),
  rationale text not null,
  decided_at timestamptz not null,
  decided_by uuid not null,
  created_at timestamptz not null default clock_timestamp(),
  primary key (partnership_id, id),
  foreign key (partnership_id, referral_id) references referral(partnership_id, id),
  foreign key (partnership_id, meeting_id) references triage_meeting(partnership_id, id)
);
create index triage_decision_referral_idx on triage_decision (partnership_id, referral_id, decided_at desc, created_at desc);
create index triage_decision_meeting_idx on triage_decision (partnership_id, meeting_id);
create index triage_decision_recent_idx on triage_decision (partnership_id, created_at desc);

alter table referral add column triage_outcome text;
alter table referral add column triage_category text;
alter table referral add column triaged_at timestamptz;
-- The triage report counts by received day, standing outcome, category and referrer: one index-only range scan.
create index referral_report_idx on referral (partnership_id, received_at) include (triage_outcome, triage_category, referring_agency_id);
create index referral_queue_idx on referral (partnership_id, received_at) where status = 'new';

create table triage_action (
  partnership_id uuid not null,
  id uuid not null,
  decision_id uuid not null,
  referral_id uuid not null,
  description text not null,
  owner_agency_id uuid not null,
  owner_name text,
  due_date date not null,
  status text not null default 'open' check (status in ('open','done','cancelled')),
  status_changed_at timestamptz,
  status_changed_by uuid,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, decision_id) references triage_decision(partnership_id, id),
  foreign key (partnership_id, owner_agency_id) references agency(partnership_id, id)
);
create index triage_action_open_idx on triage_action (partnership_id, due_date) where status = 'open';
create index triage_action_owner_idx on triage_action (partnership_id, owner_agency_id, due_date);
create index triage_action_referral_idx on triage_action (partnership_id, referral_id);
