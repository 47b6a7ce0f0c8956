-- Multi-agency case audits (issue 13 point 7): templates of numbered questions (JTAI-style), rounds that draw a
-- sample of children's cases by a recorded rule and seed, each participating agency's grade and comment per case and
-- question, findings per round. Remedial actions go into the one tracker (triage_action, source 'case_audit').
create table case_audit_template (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  theme text not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name),
  foreign key (partnership_id, created_by) references app_user(partnership_id, id)
);

create table case_audit_question (
  partnership_id uuid not null,
  template_id uuid not null,
  number integer not null check (number between 1 and 99),
  text text not null,
  primary key (partnership_id, template_id, number),
  foreign key (partnership_id, template_id) references case_audit_template(partnership_id, id)
);

-- The rule and seed are kept so the sample can be drawn again and explained ("10 of 34 open high-risk cases, seed 4821").
create table case_audit_round (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  template_id uuid not null,
  name text not null,
  period_from date not null,
  period_to date not null,
  risk_levels text[] not null default '{}',
  categories text[] not null default '{}',
  sample_size integer not null check (sample_size between 1 and 50),
  seed integer not null,
  population integer not null,
  status text not null default 'open' check (status in ('open', 'completed')),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (partnership_id, id),
  unique (partnership_id, name),
  foreign key (partnership_id, template_id) references case_audit_template(partnership_id, id),
  foreign key (partnership_id, created_by) references app_user(partnership_id, id),
  check (period_to >= period_from)
);

create table case_audit_agency (
  partnership_id uuid not null,
  round_id uuid not null,
  agency_id uuid not null,
  primary key (partnership_id, round_id, agency_id),
  foreign key (partnership_id, round_id) references case_audit_round(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);

-- Case 1..N of a round, in the order drawn. It has an id so that erasing a child (retention, found from the
-- catalogue) takes this row and the answers about the child's case with it.
create table case_audit_case (
  partnership_id uuid not null,
  id uuid not null,
  round_id uuid not null,
  number integer not null,
  case_id uuid not null,
  person_id uuid not null,
  primary key (partnership_id, id),
  unique (partnership_id, round_id, number),
  unique (partnership_id, round_id, case_id),
  foreign key (partnership_id, round_id) references case_audit_round(partnership_id, id),
  foreign key (partnership_id, case_id) references exploitation_case(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index case_audit_case_person_idx on case_audit_case (partnership_id, person_id);

create table case_audit_answer (
  partnership_id uuid not null,
  round_id uuid not null,
  audit_case_id uuid not null,
  agency_id uuid not null,
  question_number integer not null,
  grade text not null check (grade in ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  comment text not null default '',
  answered_by uuid not null,
  answered_at timestamptz not null,
  primary key (partnership_id, audit_case_id, agency_id, question_number),
  foreign key (partnership_id, audit_case_id) references case_audit_case(partnership_id, id),
  foreign key (partnership_id, round_id, agency_id) references case_audit_agency(partnership_id, round_id, agency_id),
  foreign key (partnership_id, answered_by) references app_user(partnership_id, id)
);

create table case_audit_finding (
  partnership_id uuid not null,
  id uuid not null,
  round_id uuid not null,
  number integer not null,
  text text not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, round_id, number),
  foreign key (partnership_id, round_id) references case_audit_round(partnership_id, id),
  foreign key (partnership_id, created_by) references app_user(partnership_id, id)
);
