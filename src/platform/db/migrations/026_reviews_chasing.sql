-- Chasing recommendations (issue 13.2): when the next update is due, and requests for an update sent to another
-- organisation, shown as "yet to be received" until a progress update answers them (as in seed 003).
alter table recommendation add column next_update_due date;
create table recommendation_update_request (
  partnership_id uuid not null,
  id uuid not null,
  recommendation_id uuid not null,
  requested_of text not null,
  requested_on date not null,
  requested_by uuid not null,
  requested_by_name text not null,
  received_progress_id uuid,
  received_on date,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, recommendation_id) references recommendation(partnership_id, id),
  foreign key (partnership_id, received_progress_id) references recommendation_progress(partnership_id, id)
);
create index recommendation_update_request_idx on recommendation_update_request (partnership_id, recommendation_id, requested_on);
