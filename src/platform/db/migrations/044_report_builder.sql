-- The report builder (issue 15.1, 15.2): partnership-defined referrer groups ("Street Teams") and saved reports.

-- A named group of referring agencies. An agency is in at most one group, so referrals by group add up to the total.
create table referrer_group (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index referrer_group_name_uq on referrer_group (partnership_id, lower(name));

create table referrer_group_agency (
  partnership_id uuid not null,
  agency_id uuid not null,
  group_id uuid not null,
  primary key (partnership_id, agency_id),
  foreign key (partnership_id, group_id) references referrer_group(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);
create index referrer_group_agency_group_idx on referrer_group_agency (partnership_id, group_id);

-- A saved report: a name (the slug of its link), a title and its specification (measure, dimensions, period,
-- filters). Whoever opens it sees it with their own access (exact or suppressed figures).
create table saved_report (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  title text not null,
  spec jsonb not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create unique index saved_report_name_uq on saved_report (partnership_id, name);

-- The builder reads a period's referrals with what its dimensions group by from the index alone (the person's
-- details come from one hash join).
create index referral_builder_idx on referral (partnership_id, received_at)
  include (person_id, referring_agency_id, triage_outcome, triage_category);
create index missing_episode_returned_idx on missing_episode (partnership_id, returned_at) where returned_at is not null;
create index missing_episode_rhi_idx on missing_episode (partnership_id, rhi_completed_at) where rhi_completed_at is not null;
create index triage_decision_decided_idx on triage_decision (partnership_id, decided_at) include (referral_id, outcome, category);
create index support_referral_sent_idx on support_referral (partnership_id, sent_on) include (person_id);
