-- Information requests: before or at triage the hub asks a named agency what it holds about the person a referral
-- is about (a question and a due date); the agency answers once. The answering agency sees the request only (name,
-- date of birth, question), never the case, so a request does not make the agency "involved" (person_agency).
create table information_request (
  partnership_id uuid not null,
  id uuid not null,
  referral_id uuid not null,
  person_id uuid not null,
  agency_id uuid not null,
  question text not null,
  due_date date not null,
  status text not null default 'outstanding' check (status in ('outstanding','answered')),
  answer text,
  answered_at timestamptz,
  answered_by uuid,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, referral_id) references referral(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id),
  check ((status = 'answered') = (answer is not null and answered_at is not null))
);
create index information_request_referral_idx on information_request (partnership_id, referral_id, created_at);
-- An agency's own list, outstanding first by due date.
create index information_request_agency_idx on information_request (partnership_id, agency_id, status, due_date);
-- The hub's outstanding and overdue requests.
create index information_request_outstanding_idx on information_request (partnership_id, due_date) where status = 'outstanding';
