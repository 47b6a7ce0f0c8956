-- Foundation: partnerships, agencies, users, sessions, tokens, people, referrals, idempotency, audit.
-- Every tenant-owned table leads its key with partnership_id so it can be sharded on it later (Citus).
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

create table partnership (
  id uuid primary key,
  name text not null,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);

create table agency (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  sector text not null check (sector in ('childrens_social_care','education','voluntary','police','youth_justice','health','early_help','other')),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index agency_name_uq on agency (partnership_id, lower(name));

create table app_user (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  email text not null,
  name text not null,
  agency_id uuid not null,
  role text not null,
  password_hash text,
  mfa_secret text,
  mfa_enabled boolean not null default false,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  active boolean not null default true,
  invite_token_hash text,
  invite_expires_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);
-- Sign-in is by e-mail alone, so an address belongs to one account across partnerships.
create unique index app_user_email_uq on app_user (lower(email));
create unique index app_user_invite_uq on app_user (invite_token_hash) where invite_token_hash is not null;

create table user_session (
  token_hash text primary key,
  partnership_id uuid not null,
  user_id uuid not null,
  mfa_passed boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);
create index user_session_user_idx on user_session (partnership_id, user_id);

create table api_token (
  partnership_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (partnership_id, id),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);

create table person (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  given_name text not null,
  family_name text not null,
  date_of_birth date,
  dob_precision text not null default 'unknown' check (dob_precision in ('exact','approximate','unknown')),
  sex text check (sex in ('female','male','unknown')),
  ethnicity text,
  first_language text,
  address text,
  postcode text,
  nhs_number text,
  police_reference text,
  la_case_reference text,
  school_upn text,
  placed_by_other_la boolean not null default false,
  placing_authority text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create index person_name_trgm on person using gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops);
create index person_nhs_idx on person (partnership_id, nhs_number) where nhs_number is not null;

create table person_alias (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  given_name text,
  family_name text,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index person_alias_person_idx on person_alias (partnership_id, person_id);

-- Agencies involved with a person, copied here so access checks are one indexed lookup.
create table person_agency (
  partnership_id uuid not null,
  person_id uuid not null,
  agency_id uuid not null,
  since timestamptz not null default now(),
  primary key (partnership_id, person_id, agency_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);
create index person_agency_agency_idx on person_agency (partnership_id, agency_id);

create table referral (
  partnership_id uuid not null,
  id uuid not null,
  reference text not null,
  person_id uuid not null,
  received_at timestamptz not null,
  referring_agency_id uuid not null,
  referrer_name text not null,
  referrer_role text,
  referrer_contact text,
  referrer_user_id uuid,
  concerns text not null,
  exploitation_types text[] not null default '{}',
  indicators text[] not null default '{}',
  consent text not null check (consent in ('given','not_sought','refused')),
  lawful_basis_reason text,
  urgency text not null check (urgency in ('routine','urgent','immediate')),
  status text not null default 'new' check (status in ('new','triaged','closed')),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, referring_agency_id) references agency(partnership_id, id)
);
create unique index referral_reference_uq on referral (partnership_id, reference);
create index referral_received_idx on referral (partnership_id, received_at desc);
create index referral_status_idx on referral (partnership_id, status, received_at desc);
create index referral_person_idx on referral (partnership_id, person_id);
create index referral_agency_idx on referral (partnership_id, referring_agency_id, received_at desc);

-- A retried POST (Idempotency-Key header, or a form's hidden submission id) returns the first result.
create table idempotency_key (
  partnership_id uuid not null,
  user_id uuid not null,
  key text not null,
  resource_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, user_id, key)
);

-- Append-only and hash-chained per partnership: each event's hash covers its fields and the previous hash.
create table audit_event (
  partnership_id uuid not null,
  seq bigint not null,
  at timestamptz not null,
  actor_id uuid,
  actor_label text not null,
  action text not null,
  resource_type text not null,
  resource_id text,
  person_id uuid,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null,
  primary key (partnership_id, seq)
);
create index audit_event_person_idx on audit_event (partnership_id, person_id, at desc) where person_id is not null;

create table counter (
  partnership_id uuid not null,
  name text not null,
  value bigint not null,
  primary key (partnership_id, name)
);
