-- Intelligence: the pieces of the jigsaw (people, locations, vehicles, organisations, phones, online accounts,
-- groups), the typed, dated, graded links between them, intelligence reports that the links come from, and
-- disruption activity against a target entity. Roles (victim, person of concern, associate) sit on links, not
-- on people. Every link carries its own 3x5x2 grading and handling so the handling filter is applied in SQL on the
-- very rows a network expansion walks: a hidden link is never traversed.

create table intel_entity (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  kind text not null check (kind in ('person','location','vehicle','organisation','phone','online_account','group')),
  label text not null,
  -- person: a Jigsaw person record when there is one (then id = person_id), else an adult known only here
  person_id uuid,
  -- location
  location_type text check (location_type in ('hotel','takeaway','park','hmo','transport_hub','school','address','other')),
  ward text,
  x double precision,
  y double precision,
  -- vehicle (registration normalised: upper case, no spaces)
  registration text,
  make text,
  colour text,
  -- organisation and group
  organisation_type text check (organisation_type in ('business','taxi_firm','school','other')),
  group_type text check (group_type in ('gang','peer_group','other')),
  -- phone, online account
  phone_number text,
  platform text,
  handle text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  check (kind <> 'person' or person_id is null or person_id = id),
  check (kind <> 'location' or location_type is not null),
  check (kind <> 'vehicle' or registration is not null)
);
create unique index intel_entity_person_uq on intel_entity (partnership_id, person_id) where person_id is not null;
create index intel_entity_kind_idx on intel_entity (partnership_id, kind, ward);
create unique index intel_entity_registration_uq on intel_entity (partnership_id, registration) where registration is not null;

-- An intelligence report: what was seen or said, graded 3x5x2, with its handling conditions.
create table intel_item (
  partnership_id uuid not null,
  id uuid not null,
  summary text not null,
  category text not null check (category in ('cse','cce','county_lines','trafficking','online','missing','other')),
  occurred_on date not null,
  source_grade smallint not null check (source_grade between 1 and 3),
  intel_grade text not null check (intel_grade in ('A','B','C','D','E')),
  handling text not null check (handling in ('P','C')),
  handling_conditions text,
  -- Who else the conditions release a C item to (besides roles with read_restricted and the recording agency).
  release_roles text[] not null default '{}',
  release_agency_ids uuid[] not null default '{}',
  agency_id uuid not null,
  source_record text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id),
  check (handling = 'P' or handling_conditions is not null)
);
create index intel_item_occurred_idx on intel_item (partnership_id, occurred_on);

create table intel_link (
  partnership_id uuid not null,
  id uuid not null,
  from_entity uuid not null,
  to_entity uuid not null,
  link_type text not null,
  from_role text check (from_role in ('victim','person_of_concern','associate')),
  to_role text check (to_role in ('victim','person_of_concern','associate')),
  since date,
  until date,
  item_id uuid,
  category text not null default 'other',
  occurred_on date not null,
  source_grade smallint not null check (source_grade between 1 and 3),
  intel_grade text not null check (intel_grade in ('A','B','C','D','E')),
  handling text not null check (handling in ('P','C')),
  handling_conditions text,
  release_roles text[] not null default '{}',
  release_agency_ids uuid[] not null default '{}',
  agency_id uuid not null,
  source_record text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, from_entity) references intel_entity(partnership_id, id),
  foreign key (partnership_id, to_entity) references intel_entity(partnership_id, id),
  foreign key (partnership_id, item_id) references intel_item(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id),
  check (from_entity <> to_entity),
  check (until is null or since is null or until >= since),
  check (handling = 'P' or handling_conditions is not null)
);
-- Covering indexes for the two directions of a network expansion: the handling columns are in the index so the
-- filter is applied before a link is followed, without visiting the heap.
create index intel_link_from_idx on intel_link (partnership_id, from_entity)
  include (to_entity, handling, agency_id, release_roles, release_agency_ids);
create index intel_link_to_idx on intel_link (partnership_id, to_entity)
  include (from_entity, handling, agency_id, release_roles, release_agency_ids);
create index intel_link_item_idx on intel_link (partnership_id, item_id);
create index intel_link_occurred_idx on intel_link (partnership_id, occurred_on);

-- Tactics of the Home Office child exploitation disruption toolkit are defaults in code; a partnership's own
-- additions, renamings and withdrawals live here.
create table disruption_tactic (
  partnership_id uuid not null references partnership(id),
  code text not null,
  label text not null,
  target_kinds text[] not null,
  active boolean not null default true,
  primary key (partnership_id, code)
);

create table disruption_activity (
  partnership_id uuid not null,
  id uuid not null,
  tactic text not null,
  target_entity_id uuid not null,
  owner_agency_id uuid not null,
  owner_name text,
  started_on date not null,
  ended_on date,
  status text not null check (status in ('planned','in_progress','completed','withdrawn')),
  outcome text check (outcome in ('successful','partly_successful','unsuccessful','not_known')),
  outcome_notes text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, target_entity_id) references intel_entity(partnership_id, id),
  foreign key (partnership_id, owner_agency_id) references agency(partnership_id, id),
  check (ended_on is null or ended_on >= started_on)
);
create index disruption_activity_target_idx on disruption_activity (partnership_id, target_entity_id);
create index disruption_activity_started_idx on disruption_activity (partnership_id, started_on);
