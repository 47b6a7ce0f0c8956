-- Reviewers' decisions as labels for the matching model (issue 18.4, decision 0026). The decisions themselves
-- (who, when, which pair) already live in person_merge and person_not_same; what they lacked is what the pair
-- looked like to the model when it was decided. `comparison` keeps it as the level each comparison reached
-- ({"date of birth": "exact match", "identifier": null, ...}): level names only, no name, date or address,
-- so it adds no personal data and outlives a later correction of either record. Null on decisions made before.
alter table person_merge add column comparison jsonb;
alter table person_not_same add column comparison jsonb;
