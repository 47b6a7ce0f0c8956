-- A success message kept in the session and shown once, on the next page it renders: not in the query string, so
-- a reload or a bookmark does not repeat it. Ends with the session.
create table session_flash (
  token_hash text primary key references user_session (token_hash) on delete cascade,
  message text not null,
  created_at timestamptz not null default now()
);

-- Why an action was cancelled (asked for on cancelling; cleared when the action is reinstated).
alter table triage_action add column status_reason text;
