-- One action tracker (issue 12.4): every action, whatever made it (a triage decision, a meeting, a plan, a return
-- home interview, a recommendation, the transition sweep), is a row of triage_action. The table keeps its name so
-- the rows and every reader of them stay as they are; it gains where the action came from, whom it is about, the
-- owner as a person, the plan it serves and a history of every change.
alter table triage_action alter column decision_id drop not null;
alter table triage_action alter column referral_id drop not null;
alter table triage_action add column source_kind text not null default 'triage'
  check (source_kind in ('triage','meeting','plan','return_interview','recommendation','transition','other'));
alter table triage_action add column source_id uuid;
alter table triage_action add column person_id uuid;
-- What the action is about when it is not one child (a meeting's theme, a location).
alter table triage_action add column context text;
alter table triage_action add column owner_user_id uuid;
alter table triage_action add column plan_id uuid;
alter table triage_action drop constraint triage_action_status_check;
alter table triage_action add constraint triage_action_status_check check (status in ('open','in_progress','done','cancelled'));

update triage_action t set source_id = t.decision_id, person_id = r.person_id
  from referral r where r.partnership_id = t.partnership_id and r.id = t.referral_id;
update triage_action t set source_kind = 'transition', source_id = p.person_id
  from transition_plan p where p.partnership_id = t.partnership_id and p.action_id = t.id;

-- Writers that know only the referral (the transition sweep) still get the child and the source.
create function triage_action_defaults() returns trigger language plpgsql as $$
begin
  if new.person_id is null and new.referral_id is not null then
    select r.person_id into new.person_id from referral r where r.partnership_id = new.partnership_id and r.id = new.referral_id;
  end if;
  if new.source_id is null then new.source_id := new.decision_id; end if;
  return new;
end $$;
create trigger triage_action_defaults before insert on triage_action for each row execute function triage_action_defaults();

create index action_person_idx on triage_action (partnership_id, person_id, due_date);
create index action_owner_user_idx on triage_action (partnership_id, owner_user_id, due_date);
create index action_live_idx on triage_action (partnership_id, due_date) where status in ('open','in_progress');

-- Every change to an action: who, when, what (created, status, reassigned, due date, cancelled, reinstated).
create table action_history (
  partnership_id uuid not null,
  seq bigint generated always as identity,
  action_id uuid not null,
  at timestamptz not null default now(),
  by_user_id uuid,
  change text not null,
  details jsonb not null default '{}',
  primary key (partnership_id, seq),
  foreign key (partnership_id, action_id) references triage_action(partnership_id, id)
);
create index action_history_action_idx on action_history (partnership_id, action_id, seq);
insert into action_history (partnership_id, action_id, at, by_user_id, change, details)
  select partnership_id, id, created_at, created_by, 'created',
    jsonb_build_object('status', status, 'dueOn', due_date, 'ownerAgencyId', owner_agency_id)
  from triage_action;

-- An insert by any writer is the action's first history entry.
create function triage_action_created() returns trigger language plpgsql as $$
begin
  insert into action_history (partnership_id, action_id, at, by_user_id, change, details)
    values (new.partnership_id, new.id, new.created_at, new.created_by, 'created',
      jsonb_build_object('status', new.status, 'dueOn', new.due_date, 'ownerAgencyId', new.owner_agency_id, 'ownerUserId', new.owner_user_id));
  return new;
end $$;
create trigger triage_action_created after insert on triage_action for each row execute function triage_action_created();

-- The daily sweep's reminders: one row per action, kind and due date, so each event is written once however often
-- the sweep runs (and again only if the due date moves).
create table action_reminder (
  partnership_id uuid not null,
  action_id uuid not null,
  kind text not null check (kind in ('due_tomorrow','overdue','escalated')),
  due_on date not null,
  sent_on date not null,
  primary key (partnership_id, action_id, kind, due_on),
  foreign key (partnership_id, action_id) references triage_action(partnership_id, id)
);

-- Overdue actions go to the owner's manager after this many days (per partnership).
alter table partnership add column action_escalation_days integer not null default 3 check (action_escalation_days between 1 and 90);
alter table app_user add column manager_user_id uuid;
alter table app_user add constraint app_user_manager_fk foreign key (partnership_id, manager_user_id) references app_user(partnership_id, id);

-- The multi-agency plan: one per child, its goals, and a review at each meeting.
create table case_plan (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  unique (partnership_id, person_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create table plan_goal (
  partnership_id uuid not null,
  id uuid not null,
  plan_id uuid not null,
  description text not null,
  target_date date,
  status text not null default 'open' check (status in ('open','achieved','dropped')),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, plan_id) references case_plan(partnership_id, id)
);
create index plan_goal_plan_idx on plan_goal (partnership_id, plan_id, created_at);
create table plan_review (
  partnership_id uuid not null,
  id uuid not null,
  plan_id uuid not null,
  reviewed_on date not null,
  meeting_id uuid,
  summary text not null,
  recorded_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, plan_id) references case_plan(partnership_id, id)
);
create index plan_review_plan_idx on plan_review (partnership_id, plan_id, reviewed_on desc);
alter table triage_action add constraint triage_action_plan_fk foreign key (partnership_id, plan_id) references case_plan(partnership_id, id);
