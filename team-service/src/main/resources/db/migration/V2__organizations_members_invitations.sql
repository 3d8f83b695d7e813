CREATE TABLE org (
    id                uuid        PRIMARY KEY,
    name              text        NOT NULL,
    plan              text        NOT NULL CHECK (plan IN ('PRO', 'PRO_PLUS', 'ENTERPRISE')),
    personal_fallback boolean     NOT NULL,
    same_domain_only  boolean     NOT NULL,
    cycle_anchor      date        NOT NULL,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL
);

CREATE TABLE member (
    id           uuid        PRIMARY KEY,
    org_id       uuid        NOT NULL REFERENCES org (id),
    user_id      text        NOT NULL,
    email        text        NOT NULL,
    display_name text,
    role         text        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
    pool_access  boolean     NOT NULL,
    pool_cap     bigint      CHECK (pool_cap BETWEEN 0 AND 1000000000000),
    joined_at    timestamptz NOT NULL,
    UNIQUE (org_id, user_id)
);

CREATE INDEX member_by_user ON member (user_id);

CREATE TABLE invitation (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL REFERENCES org (id),
    email       text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('ADMIN', 'MEMBER')),
    pool_access boolean     NOT NULL,
    invited_by  text        NOT NULL,
    -- EXPIRED is stored only when a pending invitation is superseded after its expiry.
    status      text        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    resolved_by text,
    resolved_at timestamptz
);

CREATE UNIQUE INDEX invitation_one_pending_per_email ON invitation (org_id, email) WHERE status = 'PENDING';
CREATE INDEX invitation_by_email ON invitation (email) WHERE status = 'PENDING';

