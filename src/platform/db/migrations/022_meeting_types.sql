-- Meeting types kept by the partnership admin (issue 12.1): what a type is about gains "one child", "one context"
-- and "none" beside "one child or one context" and "many subjects", and a type carries its default agenda (the items
-- a new meeting of the type starts with; empty means the standard items of the live agenda it assembles).
alter table meeting_type drop constraint meeting_type_subject_check;
alter table meeting_type add constraint meeting_type_subject_check check (subject in ('child', 'context', 'child_or_context', 'many', 'none'));
alter table meeting_type add column default_agenda text[] not null default '{}';

-- The tracker's live actions in the order its lists show them (due date, then id), so a page of the overdue list (the
-- Panel agenda's) reads 50 index entries instead of joining and sorting every action due on the first date.
drop index if exists action_live_idx;
create index action_live_idx on triage_action (partnership_id, due_date, id) where status in ('open','in_progress');
