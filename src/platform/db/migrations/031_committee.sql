-- Committees (a council scrutiny panel, the partnership board) meeting in public (issue 13.5): the questions asked
-- and the answers given, the resolutions with the evidence promised, and the reports a resolution promised, produced
-- from Jigsaw's own figures when each period ends. No child's data: names of members and officers only.
create table committee_meeting (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  committee text not null,
  held_on date not null,
  title text not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id)
);
create index committee_meeting_held_idx on committee_meeting (partnership_id, held_on desc);

create table committee_question (
  partnership_id uuid not null,
  id uuid not null,
  meeting_id uuid not null,
  number integer not null check (number > 0),
  asked_by text not null,
  question text not null,
  -- Answered at the meeting or later in writing; the three are set together.
  answer text,
  answered_by text,
  answered_on date,
  check ((answer is null) = (answered_on is null)),
  primary key (partnership_id, id),
  unique (partnership_id, meeting_id, number),
  foreign key (partnership_id, meeting_id) references committee_meeting(partnership_id, id)
);

create table committee_resolution (
  partnership_id uuid not null,
  id uuid not null,
  meeting_id uuid not null,
  number integer not null check (number > 0),
  text text not null,
  evidence_promised text,
  -- A promised recurring report: a kind of reports/figures.ts (checked by the use case, so a new kind needs no
  -- migration), monthly or quarterly from the first period's start; next_due_on is the day after the oldest period
  -- not yet produced ends.
  report_kind text,
  cadence text check (cadence in ('monthly','quarterly')),
  first_period_start date,
  next_due_on date,
  check ((report_kind is null) = (cadence is null) and (cadence is null) = (first_period_start is null)),
  primary key (partnership_id, id),
  unique (partnership_id, meeting_id, number),
  foreign key (partnership_id, meeting_id) references committee_meeting(partnership_id, id)
);
create index committee_resolution_due_idx on committee_resolution (partnership_id, next_due_on) where next_due_on is not null;

-- One report per resolution and period: a second sweep, or two servers, never duplicate one. The figures are kept
-- exact, as they were when produced; readers who may not see exact counts get them published (1-5 as c).
create table committee_report (
  partnership_id uuid not null,
  id uuid not null,
  resolution_id uuid not null,
  kind text not null,
  period_from date not null,
  period_to date not null,
  figures jsonb not null,
  produced_at timestamptz not null,
  -- Null: produced by the scheduler when due.
  produced_by uuid,
  produced_by_name text not null,
  primary key (partnership_id, id),
  unique (partnership_id, resolution_id, period_from),
  foreign key (partnership_id, resolution_id) references committee_resolution(partnership_id, id)
);
