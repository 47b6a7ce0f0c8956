-- Person matching: blocking keys for online candidate lookup, each partnership's trained model,
-- merges (reversible), "not the same person" decisions, and the hub's queue of suspected duplicates.

-- One row per blocking key of a person (see src/modules/matching/blocking.ts); rewritten whenever the
-- person is created or changed. The primary key leads (partnership_id, rule, key): one index probe per key.
create table person_match_key (
  partnership_id uuid not null,
  rule text not null,
  key text not null,
  person_id uuid not null,
  primary key (partnership_id, rule, key, person_id)
);
create index person_match_key_person_idx on person_match_key (partnership_id, person_id);

-- The model a partnership scores with (JSON ModelParams). None stored: the bundled default is used.
create table person_match_model (
  partnership_id uuid primary key references partnership(id),
  params jsonb not null,
  trained_on integer not null,
  trained_at timestamptz not null default now(),
  trained_by text not null
);

-- merged_person_id was merged into surviving_person_id. Rows are never deleted: undoing sets undone_at.
-- moved_referral_ids and added_agency_ids record exactly what the merge changed, so undo restores it.
create table person_merge (
  partnership_id uuid not null,
  id uuid not null,
  merged_person_id uuid not null,
  surviving_person_id uuid not null,
  merged_by uuid,
  merged_by_label text not null,
  merged_at timestamptz not null default now(),
  moved_referral_ids uuid[] not null default '{}',
  added_agency_ids uuid[] not null default '{}',
  undone_by uuid,
  undone_by_label text,
  undone_at timestamptz,
  primary key (partnership_id, id),
  foreign key (partnership_id, merged_person_id) references person(partnership_id, id),
  foreign key (partnership_id, surviving_person_id) references person(partnership_id, id),
  check (merged_person_id <> surviving_person_id)
);
-- A person is merged away into at most one other at a time.
create unique index person_merge_active_uq on person_merge (partnership_id, merged_person_id) where undone_at is null;
create index person_merge_surviving_idx on person_merge (partnership_id, surviving_person_id) where undone_at is null;

-- "Not the same person": the pair is stored once, smaller id first, and never suggested again.
create table person_not_same (
  partnership_id uuid not null,
  person_a uuid not null,
  person_b uuid not null,
  decided_by uuid,
  decided_by_label text not null,
  decided_at timestamptz not null default now(),
  primary key (partnership_id, person_a, person_b),
  check (person_a < person_b)
);
create index person_not_same_b_idx on person_not_same (partnership_id, person_b);

-- Suspected duplicates for the hub: filled when a person is created (their online matches) and rebuilt
-- by `jigsaw persons review-queue`. Pairs stored once, smaller id first.
create table person_match_suspect (
  partnership_id uuid not null,
  person_a uuid not null,
  person_b uuid not null,
  probability double precision not null,
  match_weight double precision not null,
  explanation jsonb not null,
  found_at timestamptz not null default now(),
  primary key (partnership_id, person_a, person_b),
  check (person_a < person_b)
);
create index person_match_suspect_order_idx on person_match_suspect (partnership_id, match_weight desc);
