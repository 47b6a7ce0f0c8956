-- Cumulative concern alerts (issue 19.5, decision 0024): every concern an agency raises about a child (a referral,
-- intelligence, a missing episode, an information request answered) is a concern signal; when enough distinct
-- agencies raise one within the window, the hub is alerted with the signals that added up.
create table alert_settings (
  partnership_id uuid not null references partnership(id),
  min_agencies integer not null default 3 check (min_agencies between 2 and 20),
  window_days integer not null default 28 check (window_days between 1 and 365),
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id)
);

create table alert (
  partnership_id uuid not null,
  id uuid not null,
  kind text not null check (kind in ('cumulative_concern')),
  person_id uuid not null,
  -- The rule the alert met, as it was set when it was raised.
  min_agencies integer not null,
  window_days integer not null,
  raised_at timestamptz not null,
  updated_at timestamptz not null,
  dismissed_at timestamptz,
  dismissed_by uuid,
  dismissed_reason text,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  check ((dismissed_at is null) = (dismissed_reason is null))
);
-- One open alert of a kind per child: a further agency adds to its list rather than raising a second.
create unique index alert_open_uq on alert (partnership_id, person_id, kind) where dismissed_at is null;
create index alert_open_idx on alert (partnership_id, raised_at desc) where dismissed_at is null;

-- One row per domain event that raised a concern (its id is the event's). `alert_id`: the alert it added to; a
-- signal of a dismissed alert does not count again.
create table concern_signal (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  agency_id uuid not null,
  kind text not null check (kind in ('referral', 'intelligence', 'missing_episode', 'information_request')),
  label text not null,
  at timestamptz not null,
  alert_id uuid,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id),
  foreign key (partnership_id, alert_id) references alert(partnership_id, id)
);
-- The rule's one query: a child's signals within the window, newest first.
create index concern_signal_person_at_idx on concern_signal (partnership_id, person_id, at desc);
create index concern_signal_alert_idx on concern_signal (partnership_id, alert_id) where alert_id is not null;
