-- Standards frameworks and their self-assessment cycle (issue 13.6): a framework such as the 12 "See Me, Hear Me"
-- local standards, reviewed a few standards a quarter (three, in seed 003) from the day its cycle starts. A
-- self-assessment rates one standard for one quarter, with a summary of the evidence and links to it; actions it
-- needs are rows of the one tracker (triage_action, source 'standard', source id the assessment). No child's data.
create table standards_framework (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  description text,
  per_quarter integer not null default 3 check (per_quarter between 1 and 50),
  -- Quarters are counted from here: the first day of a month.
  starts_on date not null check (extract(day from starts_on) = 1),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name)
);

create table standard (
  partnership_id uuid not null,
  id uuid not null,
  framework_id uuid not null,
  number integer not null check (number > 0),
  title text not null,
  description text,
  primary key (partnership_id, id),
  unique (partnership_id, framework_id, number),
  foreign key (partnership_id, framework_id) references standards_framework(partnership_id, id)
);

create table standard_assessment (
  partnership_id uuid not null,
  id uuid not null,
  standard_id uuid not null,
  -- The quarter the assessment is for (its first day), which may be earlier than the day it was made.
  quarter_starts_on date not null,
  rating text not null check (rating in ('met', 'partly_met', 'not_met')),
  evidence_summary text not null,
  assessed_on date not null,
  author_user_id uuid,
  author_name text not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, standard_id) references standard(partnership_id, id)
);
create index standard_assessment_idx on standard_assessment (partnership_id, standard_id, quarter_starts_on);

-- Where the evidence is: a title and a web address or a Jigsaw path (/reports/triage?from=...).
create table standard_evidence_link (
  partnership_id uuid not null,
  assessment_id uuid not null,
  position integer not null,
  title text not null,
  url text not null,
  primary key (partnership_id, assessment_id, position),
  foreign key (partnership_id, assessment_id) references standard_assessment(partnership_id, id)
);
