-- The partnership's disclosure control for published figures (issue 15.4, reports/disclosure.ts): the largest
-- count shown as `c` (0: none), rounding of shown figures, and secondary suppression on or off. No row: the default
-- rule (1 to 5 as `c`, no rounding, secondary suppression on). Who sees exact figures stays in the access policy.
create table disclosure_rule (
  partnership_id uuid not null references partnership(id),
  threshold integer not null check (threshold between 0 and 10),
  rounding text not null check (rounding in ('none', 'nearest_5', 'nearest_10')),
  secondary boolean not null,
  -- With rounding, every count that would round to 0 is hidden instead (reports/disclosure.ts minThresholdFor).
  check ((rounding <> 'nearest_5' or threshold >= 2) and (rounding <> 'nearest_10' or threshold >= 4)),
  updated_by uuid not null,
  updated_at timestamptz not null default now(),
  primary key (partnership_id)
);
