-- Support services and onward referrals (issue 19.1): the partnership's directory of services, each run by one of
-- its agencies, and a child's referral from the case to a service, worked by the provider agency.
create table support_service (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  provider_agency_id uuid not null,
  type text not null,
  eligibility text,
  age_from integer check (age_from between 0 and 25),
  age_to integer check (age_to between 0 and 25),
  capacity integer check (capacity >= 0),
  contact_name text,
  contact_phone text,
  contact_email text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, provider_agency_id) references agency(partnership_id, id)
);
create unique index support_service_name_uq on support_service (partnership_id, lower(name));

create table support_referral (
  partnership_id uuid not null,
  id uuid not null,
  service_id uuid not null,
  person_id uuid not null,
  status text not null check (status in ('sent', 'accepted', 'declined', 'started', 'ended')),
  reason text not null,
  sent_on date not null,
  sent_by uuid not null,
  decided_on date,
  decision_reason text,
  started_on date,
  ended_on date,
  outcome text,
  outcome_note text,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, service_id) references support_service(partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index support_referral_service_idx on support_referral (partnership_id, service_id, status);
create index support_referral_person_idx on support_referral (partnership_id, person_id);
