-- Sign-in that cannot be guessed: a per-account limit on wrong two-factor codes, a WebAuthn challenge held by the
-- session it was issued to, and passkeys (WebAuthn credentials) as a second factor besides TOTP.
alter table app_user add column mfa_failed_attempts integer not null default 0;
alter table app_user add column mfa_locked_until timestamptz;

-- The challenge of the passkey ceremony under way in this session (one at a time, spent when used).
alter table user_session add column webauthn_challenge text;

create table passkey_credential (
  partnership_id uuid not null,
  -- The credential id the authenticator chose (base64url), unique per partnership.
  id text not null,
  user_id uuid not null,
  -- COSE public key, base64url.
  public_key text not null,
  counter bigint not null default 0,
  transports text[] not null default '{}',
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  primary key (partnership_id, id),
  foreign key (partnership_id, user_id) references app_user(partnership_id, id)
);
create index passkey_credential_user_idx on passkey_credential (partnership_id, user_id);
