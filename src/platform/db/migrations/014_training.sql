-- Training and awareness (issue 14): courses, cohorts who must complete them, their members and completions,
-- imports of completions (staged until confirmed), reminders, awareness sessions and campaigns, the register of
-- organisations to reach, evaluation responses, and committee resolutions linked to reports.

create table training_course (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  level text,
  -- A completion stays valid this many months; null: it does not expire.
  validity_months integer check (validity_months is null or validity_months between 1 and 120),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index training_course_name_uq on training_course (partnership_id, lower(name));

-- Organisations members belong to (a school, a practice, a taxi firm, a hotel ...); reach_status puts one on the
-- register of organisations the partnership wants to reach with awareness (null: not on the register).
create table training_org (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  kind text not null check (kind in ('school','gp_practice','taxi_firm','residential_home','hotel','council','faith_group','community_group','business','other')),
  reach_status text check (reach_status in ('identified','contacted','engaged','declined')),
  reach_notes text,
  reach_updated_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index training_org_name_uq on training_org (partnership_id, lower(name));

create table training_cohort (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  course_id uuid not null,
  -- by_date: everyone within `months` of start_date; from_joining: within `months` of joining;
  -- recurring: every `months` (first within `months` of joining).
  rule text not null check (rule in ('by_date','from_joining','recurring')),
  months integer not null check (months between 1 and 120),
  start_date date,
  due_soon_days integer not null default 30 check (due_soon_days between 0 and 365),
  -- RAG: green at or above green_pct compliant, amber at or above amber_pct, else red.
  green_pct integer not null default 90 check (green_pct between 0 and 100),
  amber_pct integer not null default 75 check (amber_pct between 0 and 100 and amber_pct <= green_pct),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, course_id) references training_course(partnership_id, id),
  check (rule <> 'by_date' or start_date is not null)
);
create unique index training_cohort_name_uq on training_cohort (partnership_id, lower(name));

-- A member of a cohort: `reference` (a licence or staff number) is their natural key within it.
create table training_member (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  cohort_id uuid not null,
  reference text not null,
  name text not null,
  org_id uuid,
  email text,
  user_id uuid,
  joined_on date not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, cohort_id) references training_cohort(partnership_id, id),
  foreign key (partnership_id, org_id) references training_org(partnership_id, id),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);
create unique index training_member_ref_uq on training_member (partnership_id, cohort_id, lower(reference));
create index training_member_org_idx on training_member (partnership_id, org_id);

-- One completion of a course by a member on a day: the natural key, so importing the same file again adds nothing.
create table training_completion (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  member_id uuid not null,
  course_id uuid not null,
  completed_on date not null,
  source text not null check (source in ('page','api','import')),
  import_id uuid,
  recorded_by uuid,
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, member_id) references training_member(partnership_id, id),
  foreign key (partnership_id, course_id) references training_course(partnership_id, id)
);
create unique index training_completion_uq on training_completion (partnership_id, member_id, course_id, completed_on);

-- An import: the uploaded file until it is read, the column mapping, progress, and the errors found (by line).
create table training_import (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  cohort_id uuid not null,
  filename text not null,
  format text not null check (format in ('csv','xlsx')),
  file bytea,
  headers jsonb not null default '[]',
  mapping jsonb,
  status text not null check (status in ('uploaded','reading','ready','confirmed','failed','cancelled')),
  total_rows integer,
  processed_rows integer not null default 0,
  -- How far through the file reading has got (by bytes, so known before the rows are counted).
  progress_pct integer not null default 0,
  valid_rows integer not null default 0,
  error_rows integer not null default 0,
  errors jsonb not null default '[]',
  failure text,
  added_completions integer,
  added_members integer,
  created_by uuid,
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  primary key (partnership_id, id),
  foreign key (partnership_id, cohort_id) references training_cohort(partnership_id, id)
);

-- The valid rows of an import, kept until it is confirmed (then copied) or cancelled.
create table training_import_row (
  partnership_id uuid not null,
  import_id uuid not null,
  line integer not null,
  reference text not null,
  name text not null,
  org_name text,
  email text,
  completed_on date not null,
  primary key (partnership_id, import_id, line),
  foreign key (partnership_id, import_id) references training_import(partnership_id, id) on delete cascade
);

-- Reminders to members who are not compliant: in-app when they have an account; otherwise queued for e-mail when
-- an address is held (sent by the notifications e-mail of issue 12 when it lands).
create table training_reminder (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  member_id uuid not null,
  channel text not null check (channel in ('in_app','email')),
  status text not null check (status in ('sent','queued')),
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, member_id) references training_member(partnership_id, id)
);
create index training_reminder_member_idx on training_reminder (partnership_id, member_id, created_at desc);

create table training_campaign (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  description text,
  languages text[] not null default '{}',
  starts_on date,
  ends_on date,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index training_campaign_name_uq on training_campaign (partnership_id, lower(name));

create table training_session (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  held_on date not null,
  title text not null,
  audience text not null check (audience in ('pupils','parents','professionals','drivers','hotel_staff','faith_groups','community')),
  org_id uuid,
  campaign_id uuid,
  reached integer not null check (reached >= 0),
  language text not null default 'English',
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, org_id) references training_org(partnership_id, id),
  foreign key (partnership_id, campaign_id) references training_campaign(partnership_id, id)
);
create index training_session_held_idx on training_session (partnership_id, held_on);

-- Evaluation: one respondent's rating of their knowledge and skills (1-5) before and after a session or course.
create table training_evaluation (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  session_id uuid,
  course_id uuid,
  before_score integer not null check (before_score between 1 and 5),
  after_score integer not null check (after_score between 1 and 5),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, session_id) references training_session(partnership_id, id),
  foreign key (partnership_id, course_id) references training_course(partnership_id, id),
  check ((session_id is null) <> (course_id is null))
);

-- A committee resolution a report is linked to (e.g. the six-monthly councillor-training report).
create table training_report_resolution (
  partnership_id uuid not null references partnership(id),
  report text not null,
  period text not null,
  resolution text not null,
  linked_by uuid,
  linked_at timestamptz not null default now(),
  primary key (partnership_id, report, period)
);
