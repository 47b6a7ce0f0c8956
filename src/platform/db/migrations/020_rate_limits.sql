-- Rate-limit counters in the database, so every Jigsaw process behind a load balancer counts the same sign-in
-- attempts (decision 0010, "Several processes and Citus"). Keyed by route and client address, not by partnership:
-- the limit applies before anyone is signed in. One row per key and window; expired rows are swept as we go.
create table rate_limit_hit (
  key text primary key,
  hits integer not null,
  window_ends_at timestamptz not null
);
create index rate_limit_hit_window_ends_at on rate_limit_hit (window_ends_at);
