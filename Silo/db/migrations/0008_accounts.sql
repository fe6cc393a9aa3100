-- 0008_accounts.sql
--
-- Dispatch's own accounts (Client.Web/Accounts): people who sign in with a password, the refresh tokens of their
-- sessions, and the API keys of integrators. ASP.NET Core Identity hashes the passwords (its PasswordHasher) and
-- counts failed attempts; these tables only keep what it decides. Secrets are stored only as hashes.
--
-- Idempotent; no BEGIN/COMMIT inside: the caller owns the transaction (see 0001).

CREATE TABLE IF NOT EXISTS dispatch_users
(
    user_name            text        PRIMARY KEY,
    normalized_user_name text        NOT NULL UNIQUE,
    display_name         text,
    role                 text        NOT NULL,
    engineer_id          text,
    regions              text[]      NOT NULL DEFAULT '{}',
    password_hash        text,
    -- Identity's security stamp: changes with the password, a disable and a role change; access tokens carry it.
    security_stamp       text        NOT NULL,
    must_change_password boolean     NOT NULL DEFAULT false,
    disabled             boolean     NOT NULL DEFAULT false,
    access_failed_count  integer     NOT NULL DEFAULT 0,
    lockout_end          timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now()
);

-- One row per refresh token ever issued: a used one stays (used_at) so that presenting it again is seen as a
-- reuse, which revokes the whole family (every token descended from the same sign-in).
CREATE TABLE IF NOT EXISTS dispatch_refresh_tokens
(
    token_hash bytea       PRIMARY KEY,
    user_name  text        NOT NULL REFERENCES dispatch_users (user_name) ON DELETE CASCADE,
    family     uuid        NOT NULL,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);

CREATE INDEX IF NOT EXISTS dispatch_refresh_tokens_family ON dispatch_refresh_tokens (family);
CREATE INDEX IF NOT EXISTS dispatch_refresh_tokens_user ON dispatch_refresh_tokens (user_name);

CREATE TABLE IF NOT EXISTS dispatch_api_keys
(
    id          text        PRIMARY KEY,
    name        text        NOT NULL,
    secret_hash bytea       NOT NULL,
    scope       text        NOT NULL,
    channel     text,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
