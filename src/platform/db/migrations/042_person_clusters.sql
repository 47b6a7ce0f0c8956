-- Suspected-duplicate clusters (issue 18.3, decision 0003 "Clusters"): people the model says are one. A cluster is
-- built by complete linkage in arrival order (src/modules/matching/clusters.ts): every pair inside it is a suspected
-- pair (person_match_suspect) and none was decided "not the same". Only people in a cluster of two or more have a
-- row; everyone else is a cluster of one. cluster_id is the id of the cluster's earliest member (it keeps that id
-- while others join). Kept right in the transaction of every change (a new or corrected person, a merge, an undo, a
-- "not the same" decision) by re-clustering the part of the pair graph it touched; `jigsaw persons review-queue`
-- rebuilds every row with the same rule.
create table person_cluster (
  partnership_id uuid not null,
  person_id uuid not null,
  cluster_id uuid not null,
  primary key (partnership_id, person_id),
  foreign key (partnership_id, person_id) references person(partnership_id, id)
);
create index person_cluster_cluster_idx on person_cluster (partnership_id, cluster_id);

-- A person's pairs are found from either side: the primary key serves person_a, this serves person_b.
create index person_match_suspect_b_idx on person_match_suspect (partnership_id, person_b);
