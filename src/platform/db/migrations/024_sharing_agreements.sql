-- Data sharing agreements (issue 20 point 3): what the partnership's agencies agreed to share, why, on what lawful
-- basis and until when it is reviewed. The parties are the agencies whose access the agreement covers.
create table sharing_agreement (
  partnership_id uuid not null references partnership(id),
  id uuid not null,
  title text not null,
  purpose text not null,
  lawful_basis text not null,
  data_categories text[] not null,
  starts_on date not null,
  review_on date not null,
  -- The review date the information governance officer was last told had passed (null: not told). Moving the
  -- review date on makes the agreement due to be flagged again when the new date passes.
  overdue_flagged_for date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (partnership_id, id),
  check (review_on >= starts_on)
);

create table sharing_agreement_party (
  partnership_id uuid not null,
  agreement_id uuid not null,
  agency_id uuid not null,
  primary key (partnership_id, agreement_id, agency_id),
  foreign key (partnership_id, agreement_id) references sharing_agreement(partnership_id, id) on delete cascade,
  foreign key (partnership_id, agency_id) references agency(partnership_id, id)
);
create index sharing_agreement_party_agency_idx on sharing_agreement_party (partnership_id, agency_id);

-- The agreement a referral's sharing relies on, where there is one (optional).
alter table referral add column sharing_agreement_id uuid;
alter table referral add constraint referral_sharing_agreement_fk
  foreign key (partnership_id, sharing_agreement_id) references sharing_agreement(partnership_id, id);

-- Rectification (issue 20 point 2): a corrected field of a person keeps its earlier value, who corrected it, when
-- and why. The person row holds the current value; this history is part of the subject access export.
create table person_rectification (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  field text not null,
  old_value text,
  new_value text,
  reason text not null,
  rectified_by uuid,
  rectified_by_label text not null,
  rectified_at timestamptz not null default now(),
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index person_rectification_person_idx on person_rectification (partnership_id, person_id, rectified_at);
