-- People search as matching finds people; all ages (adult services, cuckooing, modern slavery); the child's voice.

-- One row per search key of a person (src/modules/matching/search/domain.ts): the transliteration key of each word
-- of their names and aliases, of each given and family word together (a pair), their date of birth, postcode and
-- NHS number. Rewritten whenever the person is
-- recorded; `jigsaw persons review-queue` fills it for people recorded before this migration.
create table person_search_key (
  partnership_id uuid not null,
  kind text not null check (kind in ('name','pair','dob','postcode','nhs')),
  key text not null,
  person_id uuid not null,
  primary key (partnership_id, kind, key, person_id)
);
create index person_search_key_person_idx on person_search_key (partnership_id, person_id);

-- Agencies that work with adults (seed 004: the pathway is "for both vulnerable adults and children").
alter table agency drop constraint agency_sector_check;
alter table agency add constraint agency_sector_check check (sector in
  ('childrens_social_care','adult_social_care','education','voluntary','police','probation','youth_justice','health','housing','early_help','other'));

-- Cuckooing (a vulnerable adult's home taken over) and modern slavery in intelligence, as in referrals (whose types
-- are not constrained here). Triage keeps the categories of the partnership's published tables, "Adults" among them.
alter table intel_item drop constraint intel_item_category_check;
alter table intel_item add constraint intel_item_category_check check (category in
  ('cse','ce','county_lines','cuckooing','trafficking','modern_slavery','online','missing','other'));

-- The child's own views and the family's, as recorded in a referral, a triage decision or the plan. Kept, never
-- overwritten: the person's overview shows the latest of each, attributed and dated.
create table person_voice (
  partnership_id uuid not null,
  id uuid not null,
  person_id uuid not null,
  recorded_in text not null check (recorded_in in ('referral','triage_decision','plan')),
  record_id uuid,
  child_views text check (length(child_views) <= 2000),
  family_views text check (length(family_views) <= 2000),
  recorded_at timestamptz not null default now(),
  recorded_by uuid,
  recorded_by_label text not null,
  recorded_by_agency text,
  primary key (partnership_id, id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  check (child_views is not null or family_views is not null)
);
create index person_voice_person_idx on person_voice (partnership_id, person_id, recorded_at desc);

-- "Bridging the Gap" (seed 004, 17 to 25): a case open for someone 17 and a half or older gets one
-- "Transition plan to adult services" action. One row per person, so the action is created exactly once.
create table transition_plan (
  partnership_id uuid not null,
  person_id uuid not null,
  action_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (partnership_id, person_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id),
  foreign key (partnership_id, action_id) references triage_action(partnership_id, id)
);
