-- Scrutiny reviews, inspections, practice reviews and audits, and their numbered recommendations (issue 13). A
-- recommendation holds the executive response, who leads it, its status and RAG; its progress is a dated list of
-- updates, each with its author. Actions it spawns are rows of the one tracker (triage_action, source 'recommendation').
create table review (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  kind text not null check (kind in ('scrutiny_review','inspection','practice_review','audit')),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name)
);

create table recommendation (
  partnership_id uuid not null,
  id uuid not null,
  review_id uuid not null,
  number integer not null check (number > 0),
  text text not null,
  addressee text,
  lead_officer text,
  lead_organisation text,
  response text check (response in ('accepted','partly_accepted','not_accepted')),
  response_comment text,
  timescale text,
  status text not null default 'not_started' check (status in ('not_started','in_progress','completed','outstanding')),
  rag text check (rag in ('red','amber','green')),
  -- Completion is signed off by a named person in a named role (the role at the time, kept as written).
  signed_off_by uuid,
  signed_off_name text,
  signed_off_role text,
  signed_off_at timestamptz,
  primary key (partnership_id, id),
  unique (partnership_id, review_id, number),
  foreign key (partnership_id, review_id) references review(partnership_id, id)
);

create table recommendation_progress (
  partnership_id uuid not null,
  id uuid not null,
  recommendation_id uuid not null,
  -- The date the update speaks of (a month in an imported document is its first day); null when it names none.
  dated_on date,
  text text not null,
  author_user_id uuid,
  author_name text not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, recommendation_id) references recommendation(partnership_id, id)
);
create index recommendation_progress_idx on recommendation_progress (partnership_id, recommendation_id, created_at);
