-- Retention (issue 20 point 1, decision 0014): the partnership's schedule (only the entries it changed; the
-- defaults are in retention/domain.ts), the review queue the daily sweep fills, legal holds, and the tombstones
-- left by approved deletions. Rows here hold ids, never a person's details, so they outlive the records they name.
create table retention_schedule (
  partnership_id uuid not null references partnership(id),
  record_type text not null,
  years integer not null check (years between 1 and 100),
  until_age integer check (until_age between 18 and 100),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, record_type)
);

create table retention_review (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  record_type text not null,
  -- A referral's, case's, episode's, intelligence item's or training member's id; for the audit trail, the year.
  record_id text not null,
  person_id uuid,
  due_on date not null,
  action text not null check (action in ('delete', 'review')),
  listed_at timestamptz not null default now(),
  status text not null default 'due' check (status in ('due', 'deferred', 'deleted', 'reviewed')),
  decided_by uuid,
  decided_by_label text,
  decided_at timestamptz,
  reason text,
  deferred_until date,
  primary key (partnership_id, id),
  unique (partnership_id, record_type, record_id)
);
create index retention_review_status_idx on retention_review (partnership_id, status, due_on);

create table retention_hold (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  -- A hold names a person (everything about them) or one record.
  person_id uuid,
  record_type text,
  record_id text,
  reason text not null,
  placed_by uuid,
  placed_by_label text not null,
  placed_at timestamptz not null default now(),
  released_by uuid,
  released_by_label text,
  released_at timestamptz,
  primary key (partnership_id, id),
  check (person_id is not null or (record_type is not null and record_id is not null))
);
create index retention_hold_person_idx on retention_hold (partnership_id, person_id) where released_at is null;

create table retention_tombstone (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  review_id uuid not null,
  record_type text not null,
  record_id text not null,
  deleted_at timestamptz not null default now(),
  approved_by uuid,
  approved_by_label text not null,
  -- The schedule entry the deletion was made under, as it stood: { years, untilAge, basis }.
  schedule_entry jsonb not null,
  -- Rows removed, by table: { "referral": 1, "screening": 2 }; counts, not content.
  rows_deleted jsonb not null,
  primary key (partnership_id, id)
);
