-- Issue 13: the delivery plan, standards self-assessments, multi-agency case audits and committee resolutions each
-- put their actions into the one tracker; the tracker learns those sources (one migration, so the modules built
-- beside each other do not each redefine the list).
alter table triage_action drop constraint triage_action_source_kind_check;
alter table triage_action add constraint triage_action_source_kind_check check (source_kind in
  ('triage','meeting','plan','return_interview','recommendation','transition','other',
   'delivery_plan','standard','case_audit','committee'));
