-- Programmes with caseloads and key performance indicators, and outcome measures recorded per child (issue 19.2, 19.3).
-- Outcome scales: an outcome star (areas each scored min..max), a single score, or a percentage (school attendance).
create table outcome_scale (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  kind text not null check (kind in ('star','score','percentage')),
  areas text[] not null default '{}',
  min_score integer not null,
  max_score integer not null check (max_score > min_score),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name)
);

-- One record of a scale for a child at a date; `scores` holds each area's score for a star, `value` what is compared
-- (a star's total, the score, the percentage).
create table outcome_record (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  person_id uuid not null,
  scale_id uuid not null,
  recorded_on date not null,
  scores jsonb not null default '{}',
  value numeric not null,
  recorded_by uuid,
  recorded_by_name text not null,
  recorded_at timestamptz not null,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, scale_id) references outcome_scale(partnership_id, id)
);
create index outcome_record_person_idx on outcome_record (partnership_id, person_id, scale_id, recorded_on);

create table programme (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  description text,
  risk_levels text[] not null,
  age_from integer,
  age_to integer,
  caseload_cap integer not null check (caseload_cap > 0),
  starts_on date not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name)
);

-- The indicators a programme reports, in order: a count, a percentage, or a before/after change on a scale.
create table programme_indicator (
  partnership_id uuid not null references partnership(id),
  programme_id uuid not null,
  position integer not null,
  kind text not null check (kind in ('count','percentage','change')),
  measure text not null,
  scale_id uuid,
  label text not null,
  primary key (partnership_id, programme_id, position),
  foreign key (partnership_id, programme_id) references programme(partnership_id, id),
  foreign key (partnership_id, scale_id) references outcome_scale(partnership_id, id)
);

-- A child's case in a programme with its worker, from joined to left; in one programme at a time.
create table programme_allocation (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  programme_id uuid not null,
  person_id uuid not null,
  case_id uuid not null,
  worker_id uuid not null,
  joined_on date not null,
  left_on date,
  left_reason text,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, programme_id) references programme(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, case_id) references exploitation_case(partnership_id, id),
  foreign key (partnership_id, worker_id) references app_user(partnership_id, id)
);
create unique index programme_allocation_current_idx on programme_allocation (partnership_id, person_id) where left_on is null;
create index programme_allocation_programme_idx on programme_allocation (partnership_id, programme_id, joined_on);
