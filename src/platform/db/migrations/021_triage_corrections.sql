-- Corrections of triage decisions by the hub coordinator (issue 12.5). The decision row holds the current version;
-- each correction first copies the version it replaces into triage_decision_version, so the history is complete.
alter table triage_decision add column version integer not null default 1;
alter table triage_decision add column corrected_at timestamptz;
alter table triage_decision add column corrected_by uuid;
alter table triage_decision add column correction_reason text;

create table triage_decision_version (
  partnership_id uuid not null,
  decision_id uuid not null,
  version integer not null,
  outcome text not null,
  category text not null,
  rationale text not null,
  -- When and by whom this version was recorded (the decision itself, or the correction that made it).
  recorded_at timestamptz not null,
  recorded_by uuid not null,
  -- Why this version was made: null for the original decision.
  reason text,
  primary key (partnership_id, decision_id, version),
  foreign key (partnership_id, decision_id) references triage_decision(partnership_id, id)
);
