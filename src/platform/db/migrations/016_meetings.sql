-- Meetings that decide (issue 12): types configurable per partnership, meetings with invitees and attendance,
-- agenda items (the assembled agenda frozen as a snapshot when the meeting starts), minutes per item (sections
-- restricted by handling code or to named agencies) and decisions. Actions live in the one tracker (triage_action,
-- source_kind 'meeting', source_id the meeting).
create table meeting_type (
  partnership_id uuid not null references partnership(id),
  code text not null,
  name text not null,
  -- What the meeting is about: one child, one context (a place or group), or many subjects.
  subject text not null check (subject in ('child_or_context','many')),
  -- Which live agenda it assembles.
  agenda text not null check (agenda in ('mace','panel','odg','none')),
  cadence text not null default 'as_needed' check (cadence in ('as_needed','weekly','monthly','bi_monthly')),
  active boolean not null default true,
  primary key (partnership_id, code)
);

create function meeting_default_types(pid uuid) returns void language sql as $$
  insert into meeting_type (partnership_id, code, name, subject, agenda, cadence) values
    (pid, 'mace', 'Strategy meeting / MACE', 'child_or_context', 'mace', 'as_needed'),
    (pid, 'panel', 'Exploitation Panel', 'many', 'panel', 'monthly'),
    (pid, 'odg', 'Operational Delivery Group', 'many', 'odg', 'weekly'),
    (pid, 'subgroup', 'Exploitation Subgroup', 'many', 'none', 'bi_monthly')
  on conflict do nothing;
$$;
select meeting_default_types(id) from partnership;
create function partnership_meeting_types() returns trigger language plpgsql as $$
begin
  perform meeting_default_types(new.id);
  return new;
end $$;
create trigger partnership_meeting_types after insert on partnership for each row execute function partnership_meeting_types();

-- A High triage decision asks for a MACE within this many working days.
alter table partnership add column mace_due_working_days integer not null default 5 check (mace_due_working_days between 1 and 60);

create table meeting (
  partnership_id uuid not null,
  id uuid not null,
  type_code text not null,
  title text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  location text,
  chair_user_id uuid,
  chair_name text,
  -- The subject of a MACE: one child or one context (an intelligence place or group entity).
  person_id uuid,
  entity_id uuid,
  -- The High triage decision that asked for it, if any.
  decision_id uuid,
  status text not null default 'scheduled' check (status in ('scheduled','started','held','cancelled')),
  invited_at timestamptz,
  started_at timestamptz,
  agenda_snapshot jsonb,
  minutes_published_at timestamptz,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  primary key (partnership_id, id),
  foreign key (partnership_id, type_code) references meeting_type(partnership_id, code),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  check (ends_at > starts_at)
);
create index meeting_starts_idx on meeting (partnership_id, starts_at desc);
create index meeting_person_idx on meeting (partnership_id, person_id, starts_at desc) where person_id is not null;
create index meeting_decision_idx on meeting (partnership_id, decision_id) where decision_id is not null;

-- Invitees by agency and (optionally) person, and their attendance.
create table meeting_invitee (
  partnership_id uuid not null,
  meeting_id uuid not null,
  id uuid not null,
  agency_id uuid not null,
  user_id uuid,
  name text,
  attendance text not null default 'invited' check (attendance in ('invited','present','apologies','absent')),
  primary key (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meeting(partnership_id, id),
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);
create unique index meeting_invitee_uq on meeting_invitee (partnership_id, meeting_id, agency_id, coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid));

create table meeting_agenda_item (
  partnership_id uuid not null,
  meeting_id uuid not null,
  id uuid not null,
  position integer not null,
  title text not null,
  primary key (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meeting(partnership_id, id)
);
create index meeting_agenda_item_idx on meeting_agenda_item (partnership_id, meeting_id, position);

-- Minutes: sections per agenda item; a section may be restricted by handling code (C: police intelligence and the
-- agencies named) or to named agencies only.
create table meeting_minute (
  partnership_id uuid not null,
  meeting_id uuid not null,
  id uuid not null,
  item_id uuid,
  body text not null,
  handling text not null default 'P' check (handling in ('P','C')),
  agency_ids uuid[] not null default '{}',
  recorded_by uuid not null,
  recorded_agency_id uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meeting(partnership_id, id)
);
create index meeting_minute_idx on meeting_minute (partnership_id, meeting_id, recorded_at);

create table meeting_decision (
  partnership_id uuid not null,
  meeting_id uuid not null,
  id uuid not null,
  item_id uuid,
  text text not null,
  recorded_by uuid not null,
  recorded_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, meeting_id) references meeting(partnership_id, id)
);
create index meeting_decision_idx2 on meeting_decision (partnership_id, meeting_id, recorded_at);
