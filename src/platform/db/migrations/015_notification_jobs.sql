-- Issue 12: notifications that leave the application. A durable job queue (e-mails and reminders), which triggers
-- each partnership sends by e-mail, and each user's choice of a daily digest.

-- One row per job. `key` is unique: the same event enqueued twice is one job (and so one e-mail). A worker claims
-- due jobs with FOR UPDATE SKIP LOCKED and a lease (`locked_until`); a worker killed mid-job leaves a lease that
-- expires, and the job is claimed again after restart.
create table job (
  id bigserial primary key,
  queue text not null,
  key text not null unique,
  payload jsonb not null default '{}',
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 10,
  locked_until timestamptz,
  last_error text,
  done_at timestamptz,
  failed_at timestamptz,
  created_at timestamptz not null default now()
);
create index job_due_idx on job (run_at) where done_at is null and failed_at is null;

-- A partnership's choice per trigger; no row: on (once a transport is configured).
create table notification_trigger_setting (
  partnership_id uuid not null references partnership(id),
  trigger text not null,
  enabled boolean not null,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, trigger)
);

-- A user's choice: one e-mail a day listing what arrived, instead of one e-mail per notification.
create table notification_preference (
  partnership_id uuid not null,
  user_id uuid not null,
  daily_digest boolean not null default false,
  updated_at timestamptz not null default now(),
  primary key (partnership_id, user_id),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);

-- The event a notification came from (one per event and user: a replayed event notifies nobody twice), whether it
-- waits for the user's daily digest, and when it was e-mailed (singly or in a digest).
alter table notification add column event_id uuid;
alter table notification add column digest_pending boolean not null default false;
alter table notification add column emailed_at timestamptz;
create index notification_digest_idx on notification (partnership_id, user_id) where digest_pending;
create unique index notification_event_user_uq on notification (partnership_id, event_id, user_id, kind) where event_id is not null;
