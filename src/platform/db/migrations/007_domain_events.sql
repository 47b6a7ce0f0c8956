-- Domain events: one per change, written in the change's transaction by the use-case helper. Audit, the child's
-- chronology, notifications and alerts read these; nothing writes them by hand.
create table domain_event (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  name text not null,
  subject_type text not null,
  subject_id text,
  person_id uuid,
  actor_id uuid,
  actor_label text not null,
  at timestamptz not null,
  changes jsonb not null default '{}',
  -- Intelligence handling code (e.g. 'C') or agencies it is restricted to; null when unrestricted.
  handling jsonb,
  primary key (partnership_id, id)
);
create index domain_event_person_idx on domain_event (partnership_id, person_id, at desc) where person_id is not null;

-- An Idempotency-Key reused with a different body is refused, so the request's hash is kept with the key.
alter table idempotency_key add column request_hash text;

-- One word for criminal exploitation everywhere: 'ce' (triage already uses it), not also 'cce'.
update referral set exploitation_types = array_replace(exploitation_types, 'cce', 'ce') where 'cce' = any(exploitation_types);
alter table intel_item drop constraint intel_item_category_check;
update intel_item set category = 'ce' where category = 'cce';
alter table intel_item add constraint intel_item_category_check check (category in ('cse','ce','county_lines','trafficking','online','missing','other'));
