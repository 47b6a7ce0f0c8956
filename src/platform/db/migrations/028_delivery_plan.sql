-- The partnership's delivery plan (issue 13 point 6): numbered priorities ("Prevent", "Protect", "Pursue",
-- "Support"), each with objectives, each objective with actions that have a named lead, a timescale (due date), a
-- status (the same words as recommendations) and a RAG rating, and dated progress updates with their author. No
-- child's data: officers and organisations only. Tracker actions it spawns are triage_action rows (source
-- 'delivery_plan', source id the plan action).
create table delivery_plan (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  period_from date not null,
  period_to date not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, name),
  check (period_to >= period_from)
);

create table delivery_priority (
  partnership_id uuid not null,
  id uuid not null,
  plan_id uuid not null,
  number integer not null check (number > 0),
  title text not null,
  primary key (partnership_id, id),
  unique (partnership_id, plan_id, number),
  foreign key (partnership_id, plan_id) references delivery_plan(partnership_id, id)
);

create table delivery_objective (
  partnership_id uuid not null,
  id uuid not null,
  priority_id uuid not null,
  number integer not null check (number > 0),
  text text not null,
  primary key (partnership_id, id),
  unique (partnership_id, priority_id, number),
  foreign key (partnership_id, priority_id) references delivery_priority(partnership_id, id)
);

create table delivery_action (
  partnership_id uuid not null,
  id uuid not null,
  -- The plan, copied from the objective's priority, so a plan's actions are read (and rolled up) in one query.
  plan_id uuid not null,
  objective_id uuid not null,
  number integer not null check (number > 0),
  text text not null,
  lead_officer text not null,
  lead_organisation text not null,
  -- The lead as a Jigsaw user, when they are one (reminders can reach them later); the free text stays as written.
  lead_user_id uuid,
  due_on date not null,
  status text not null default 'not_started' check (status in ('not_started','in_progress','completed','outstanding')),
  rag text check (rag in ('red','amber','green')),
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, objective_id, number),
  foreign key (partnership_id, plan_id) references delivery_plan(partnership_id, id),
  foreign key (partnership_id, objective_id) references delivery_objective(partnership_id, id),
  foreign key (partnership_id, lead_user_id) references app_user(partnership_id, id)
);
create index delivery_action_plan_idx on delivery_action (partnership_id, plan_id);

create table delivery_action_progress (
  partnership_id uuid not null,
  id uuid not null,
  action_id uuid not null,
  dated_on date not null,
  text text not null,
  author_user_id uuid,
  author_name text not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, action_id) references delivery_action(partnership_id, id)
);
create index delivery_action_progress_idx on delivery_action_progress (partnership_id, action_id, created_at);
