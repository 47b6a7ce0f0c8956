-- Information governance (issue 20): the log of subject access releases (what was released about whom, when and to
-- whom). The release itself is never stored: it is produced again from the records on request.
create table subject_access_release (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  person_id uuid not null,
  released_at timestamptz not null default now(),
  released_by uuid,
  released_by_label text not null,
  released_to text not null,
  format text not null check (format in ('html','json')),
  sections integer not null,
  records integer not null,
  redactions integer not null,
  primary key (partnership_id, id)
);
create index subject_access_release_person_idx on subject_access_release (partnership_id, person_id, released_at desc);
