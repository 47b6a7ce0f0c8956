-- Contexts (issue 19.4): a context's plan actions are in the one tracker with their own source kind, so the tracker
-- says where they came from ("Context") rather than "Other". Actions made before this keep 'other' and their context_id.
alter table triage_action drop constraint triage_action_source_kind_check;
alter table triage_action add constraint triage_action_source_kind_check check (source_kind in
  ('triage','meeting','plan','return_interview','recommendation','transition','other',
   'delivery_plan','standard','case_audit','committee','context'));
