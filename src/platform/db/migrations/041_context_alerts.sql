-- Cumulative concern alerts about a context (issue 19.5, decision 0024 "Alerts about a context"): an alert and a
-- concern signal are about a child or a context (a place, peer group, school or online space; the context IS its
-- intelligence entity), never both.
alter table alert alter column person_id drop not null;
alter table alert add column context_id uuid;
alter table alert add constraint alert_context_fk foreign key (partnership_id, context_id) references context(partnership_id, id);
alter table alert add constraint alert_subject_check check ((person_id is null) <> (context_id is null));
-- One open alert of a kind per context, as per child (alert_open_uq; a null person_id never conflicts).
create unique index alert_open_context_uq on alert (partnership_id, context_id, kind) where dismissed_at is null;

alter table concern_signal alter column person_id drop not null;
alter table concern_signal add column context_id uuid;
alter table concern_signal add constraint concern_signal_context_fk foreign key (partnership_id, context_id) references context(partnership_id, id);
alter table concern_signal add constraint concern_signal_subject_check check ((person_id is null) <> (context_id is null));
-- The rule's one query for a context: its signals within the window, newest first.
create index concern_signal_context_at_idx on concern_signal (partnership_id, context_id, at desc) where context_id is not null;

-- A context's chronology shows its alerts' own events (raised, dismissed), found by the alert's id.
create index domain_event_alert_idx on domain_event (partnership_id, subject_id) where subject_type = 'alert';
