-- Flags that travel (issue 19 point 6, the NHS CP-IS model): the partnership marks a child "at risk of exploitation"
-- from a date (until a date, or open-ended), with who to contact. Partner systems look the flag up (the flags
-- module): only the flag, its dates and the contact ever leave. Ending a flag keeps the row (when, by whom).
create table person_flag (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  person_id uuid not null,
  flag text not null default 'at_risk_of_exploitation' check (flag in ('at_risk_of_exploitation')),
  from_on date not null,
  until_on date check (until_on is null or until_on >= from_on),
  contact_name text not null,
  contact_phone text,
  contact_email text,
  contact_agency text not null,
  set_by uuid not null,
  set_at timestamptz not null default now(),
  ended_at timestamptz,
  ended_by uuid,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, set_by) references app_user(partnership_id, id),
  foreign key (partnership_id, ended_by) references app_user(partnership_id, id)
);
-- One flag in force per person at a time; a look-up reads only the flags not ended (few, whatever the population).
create unique index person_flag_current_uq on person_flag (partnership_id, person_id) where ended_at is null;
