-- Recommendations (issue 13.1 and 13.2): evidence, and reminders to the lead and then their manager.
--
-- The lead officer stays as the document words it (free text, often another organisation's officer); a lead who has
-- a Jigsaw account can be named as well, and only then can Jigsaw remind them (and escalate to their manager).
alter table recommendation add column lead_user_id uuid;
-- Updates due on a cadence: after each progress update the next is due a month or a quarter later (unless the update
-- names its own date); setting the cadence makes one due for every recommendation not completed that has none.
alter table review add column update_cadence text check (update_cadence in ('monthly', 'quarterly'));
alter table recommendation add constraint recommendation_lead_user_fk
  foreign key (partnership_id, lead_user_id) references app_user(partnership_id, id);

-- Evidence for a recommendation: Jigsaw's own figures for a period (a link to the live report, never a copy), or an
-- uploaded document kept in the database (small files: the upload is limited to 10 MB).
create table recommendation_evidence (
  partnership_id uuid not null,
  id uuid not null,
  recommendation_id uuid not null,
  kind text not null check (kind in ('report', 'document')),
  title text not null,
  report_kind text check (report_kind in ('triage', 'missing')),
  period_from date,
  period_to date,
  file_name text,
  content_type text,
  content bytea,
  added_by uuid not null,
  added_by_name text not null,
  added_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, recommendation_id) references recommendation(partnership_id, id),
  check ((kind = 'report') = (report_kind is not null and period_from is not null and period_to is not null)),
  check ((kind = 'document') = (content is not null and file_name is not null and content_type is not null))
);
create index recommendation_evidence_idx on recommendation_evidence (partnership_id, recommendation_id, added_at);

-- One reminder of each kind per recommendation and due date, so the daily sweep run twice (or on two servers)
-- reminds once.
create table recommendation_reminder (
  partnership_id uuid not null,
  recommendation_id uuid not null,
  kind text not null check (kind in ('due_soon', 'overdue', 'escalated')),
  due_on date not null,
  sent_on date not null,
  primary key (partnership_id, recommendation_id, kind, due_on),
  foreign key (partnership_id, recommendation_id) references recommendation(partnership_id, id)
);
create index recommendation_update_due_idx on recommendation (partnership_id, next_update_due)
  where next_update_due is not null and status <> 'completed';
