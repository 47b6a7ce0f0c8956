-- Missing children: episodes, return home interviews, Philomena Protocol profiles, the repeat-missing rule and
-- its alerts, notices to placing authorities, police and social care, and in-app notifications.
-- Times are timestamptz (UTC underneath); pages show them in UK time.

create table missing_episode (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  classification text not null check (classification in ('missing','away_without_authorisation')),
  reported_at timestamptz not null,
  last_seen_at timestamptz,
  last_seen_place text,
  returned_at timestamptz,
  found_place text,
  police_reference text,
  risk_grade text not null check (risk_grade in ('no_apparent_risk','low','medium','high')),
  looked_after boolean not null default false,
  responsible_authority text,
  placed_by_other_la boolean not null default false,
  placing_authority text,
  -- Copied from return_interview in the same transaction, so the due list is one partial-index scan.
  interview_state text not null default 'pending' check (interview_state in ('pending','completed','declined')),
  -- The interview facts the quarterly report counts, copied here in the same transaction as the interview, so the
  -- report is one index-only scan of the period: offered (or held), when held, and why not held if declined.
  rhi_offered boolean not null default false,
  rhi_completed_at timestamptz,
  rhi_declined_reason text,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  check (returned_at is null or returned_at >= reported_at)
);
create index missing_episode_person_idx on missing_episode (partnership_id, person_id, reported_at desc);
-- Covering: the quarterly report reads a period's episodes from the index alone.
create index missing_episode_reported_idx on missing_episode (partnership_id, reported_at)
  include (person_id, returned_at, rhi_offered, rhi_completed_at, rhi_declined_reason);
create index missing_episode_due_idx on missing_episode (partnership_id, returned_at)
  where returned_at is not null and interview_state = 'pending';
create index missing_episode_open_idx on missing_episode (partnership_id, reported_at) where returned_at is null;

create table return_interview (
  partnership_id uuid not null,
  episode_id uuid not null,
  status text not null check (status in ('offered','completed','declined')),
  offered_at timestamptz,
  offered_by text,
  completed_at timestamptz,
  completed_by text,
  declined_at timestamptz,
  decline_reason text check (decline_reason in ('child_declined','parent_refused_consent','could_not_be_located','other')),
  decline_reason_detail text,
  where_went text,
  who_with text,
  travel text,
  push_factors text,
  pull_factors text,
  disclosures text,
  next_steps text,
  referral_id uuid,
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, episode_id),
  foreign key (partnership_id, episode_id) references missing_episode(partnership_id, id),
  foreign key (partnership_id, referral_id) references referral(partnership_id, id),
  check (completed_at is null or offered_at is null or completed_at >= offered_at)
);

create table philomena_profile (
  partnership_id uuid not null,
  person_id uuid not null,
  description text,
  associates text,
  places text,
  phones text,
  social_media text,
  medical_needs text,
  other_information text,
  photo bytea,
  photo_type text check (photo_type in ('image/jpeg','image/png')),
  photo_updated_at timestamptz,
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, person_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);

-- The local repeat-missing threshold (e.g. 3 episodes within 30 days); the default applies when absent.
create table missing_rule (
  partnership_id uuid not null references partnership(id),
  episodes integer not null check (episodes between 2 and 50),
  within_days integer not null check (within_days between 1 and 365),
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id)
);

create table repeat_missing_alert (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  episode_id uuid not null,
  rule_episodes integer not null,
  rule_within_days integer not null,
  created_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, episode_id) references missing_episode(partnership_id, id)
);
create index repeat_missing_alert_open_idx on repeat_missing_alert (partnership_id, created_at desc) where acknowledged_at is null;
create index repeat_missing_alert_person_idx on repeat_missing_alert (partnership_id, person_id);

create table missing_notice (
  partnership_id uuid not null,
  id uuid not null,
  episode_id uuid not null,
  person_id uuid not null,
  kind text not null check (kind in ('placing_authority','police','social_care')),
  recipient text not null,
  method text not null check (method in ('email','letter','secure_email','phone')),
  sent_at timestamptz not null,
  body text not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, episode_id) references missing_episode(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index missing_notice_episode_idx on missing_notice (partnership_id, episode_id);

-- In-app notifications, one row per recipient (there is no e-mail server).
create table notification (
  partnership_id uuid not null,
  id uuid not null,
  user_id uuid not null,
  kind text not null,
  title text not null,
  body text not null,
  link text,
  person_id uuid,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (partnership_id, id),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);
create index notification_user_idx on notification (partnership_id, user_id, created_at desc);
create index notification_unread_idx on notification (partnership_id, user_id) where read_at is null;
