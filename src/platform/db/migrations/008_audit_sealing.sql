-- Audit sealing (decision 0007). Requests append audit events unsealed (no lock, no chain position); one sealer
-- per database gives them seq, prev_hash, hash and an HMAC whose key is held outside the database, a moment later.
-- The database refuses to change or delete an event, except the sealer's one step from unsealed to sealed.

alter table audit_event drop constraint audit_event_pkey;
-- Existing rows are numbered in storage order; the order of the chain is seq, not id.
alter table audit_event add column id bigint generated always as identity;
alter table audit_event add primary key (id);
alter table audit_event alter column seq drop not null;
alter table audit_event alter column prev_hash drop not null;
alter table audit_event alter column hash drop not null;
-- HMAC-SHA256 of the event's hash under JIGSAW_AUDIT_KEY. Events sealed before this migration have none until
-- `jigsaw audit adopt` vouches for them once.
alter table audit_event add column hmac text;
alter table audit_event add column sealed_at timestamptz;
alter table audit_event add constraint audit_event_seq_key unique (partnership_id, seq);
alter table audit_event add constraint audit_event_sealed_whole check (
  (seq is null and prev_hash is null and hash is null and hmac is null and sealed_at is null)
  or (seq is not null and prev_hash is not null and hash is not null)
);
-- The sealer's queue: only unsealed events are in this index, so it stays small however long the trail grows.
create index audit_event_unsealed_idx on audit_event (id) where seq is null;

create function audit_event_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    raise exception 'audit events cannot be removed (TRUNCATE audit_event refused)' using errcode = 'insufficient_privilege';
  end if;
  if tg_op = 'DELETE' then
    raise exception 'audit event % cannot be deleted: the audit trail is append-only', coalesce(old.seq::text, 'id ' || old.id)
      using errcode = 'insufficient_privilege';
  end if;
  if new.id is distinct from old.id or new.partnership_id is distinct from old.partnership_id or new.at is distinct from old.at
     or new.actor_id is distinct from old.actor_id or new.actor_label is distinct from old.actor_label
     or new.action is distinct from old.action or new.resource_type is distinct from old.resource_type
     or new.resource_id is distinct from old.resource_id or new.person_id is distinct from old.person_id
     or new.details is distinct from old.details then
    raise exception 'audit event % cannot be changed: the audit trail is append-only', coalesce(old.seq::text, 'id ' || old.id)
      using errcode = 'insufficient_privilege';
  end if;
  -- Sealing: an unsealed event gets its place in the chain and its HMAC, once.
  if old.seq is null and new.seq is not null and new.hmac is not null then
    return new;
  end if;
  -- Adoption: an event sealed before HMACs existed gets its HMAC, once; nothing else about it changes.
  if old.seq is not null and old.hmac is null and new.hmac is not null and new.seq = old.seq
     and new.prev_hash = old.prev_hash and new.hash = old.hash then
    return new;
  end if;
  raise exception 'audit event % cannot be changed: the audit trail is append-only', coalesce(old.seq::text, 'id ' || old.id)
    using errcode = 'insufficient_privilege';
end $$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_event_guard();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_guard();
