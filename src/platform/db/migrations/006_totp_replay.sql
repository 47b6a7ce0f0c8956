-- The last two-factor time step accepted for each user, so a code cannot be used twice (RFC 6238 section 5.2).
alter table app_user add column mfa_last_step bigint;
