-- Contexts as subjects (issue 19.4): a place, peer group, school or online space the hub opens as a subject of its
-- own. The context IS the intelligence entity (one-to-one, keyed by its id): opening one from a place or group adds
-- this row, never a second record; a context referred fresh creates its entity first.
create table context (
  partnership_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('place','peer_group','school','online_space')),
  name text not null,
  ward text,
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  status text not null default 'open' check (status in ('open','under_review','closed')),
  concerns text not null,
  review_on date,
  opened_by uuid not null,
  opened_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, id) references intel_entity(partnership_id, id)
);
create index context_kind_ward_idx on context (partnership_id, kind, ward);

-- A partnership's own assessment areas beside the defaults in code (Contextual Safeguarding Network, paraphrased):
-- added, renamed or withdrawn here.
create table context_assessment_area (
  partnership_id uuid not null references partnership(id),
  code text not null,
  context_kind text not null check (context_kind in ('place','peer_group','school','online_space')),
  label text not null,
  active boolean not null default true,
  primary key (partnership_id, context_kind, code)
);

create table context_assessment (
  partnership_id uuid not null,
  id uuid not null,
  context_id uuid not null,
  assessed_on date not null,
  summary text,
  assessed_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, context_id) references context(partnership_id, id)
);
create index context_assessment_context_idx on context_assessment (partnership_id, context_id, assessed_on);

create table context_assessment_rating (
  partnership_id uuid not null,
  assessment_id uuid not null,
  area_code text not null,
  area_label text not null,
  rating text not null check (rating in ('protective','some_concern','serious_concern','not_known')),
  notes text,
  primary key (partnership_id, assessment_id, area_code),
  foreign key (partnership_id, assessment_id) references context_assessment(partnership_id, id)
);

-- The children a context affects, and why (frequents the place, member of the group ...).
create table context_person (
  partnership_id uuid not null,
  context_id uuid not null,
  person_id uuid not null,
  role text not null check (role in ('frequents','member','attends','targeted','other')),
  reason text,
  linked_by uuid not null,
  linked_at timestamptz not null default now(),
  primary key (partnership_id, context_id, person_id),
  foreign key (partnership_id, context_id) references context(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index context_person_person_idx on context_person (partnership_id, person_id);

-- Surveys of feelings of safety in the area: who answered, how many, the share feeling safe.
create table context_survey (
  partnership_id uuid not null,
  id uuid not null,
  context_id uuid not null,
  surveyed_on date not null,
  respondents text not null check (respondents in ('children','parents','schools','mixed')),
  responses integer not null check (responses >= 0),
  percent_safe numeric(5,2) not null check (percent_safe between 0 and 100),
  notes text,
  recorded_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, context_id) references context(partnership_id, id)
);

create table context_review (
  partnership_id uuid not null,
  id uuid not null,
  context_id uuid not null,
  reviewed_on date not null,
  summary text not null,
  status_after text not null check (status_after in ('open','under_review','closed')),
  next_review_on date,
  reviewed_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, context_id) references context(partnership_id, id)
);

-- An action in the one tracker about a context (a plan's action or disruption follow-up).
alter table triage_action add column context_id uuid;
alter table triage_action add constraint triage_action_context_fk foreign key (partnership_id, context_id) references intel_entity(partnership_id, id);
create index action_context_idx on triage_action (partnership_id, context_id) where context_id is not null;
