-- Named API keys with roles, and the audit log of who did what with them.
-- Portable SQL, like V1 and V2: SQLite and PostgreSQL run it unchanged; times are epoch milliseconds.

-- A key is "fsk_<key_id>_<secret>": the public id finds the row, the secret is only ever stored as
-- a salted BCrypt hash. A revoked key keeps its row (and its name), so the audit log's names stay
-- unambiguous.
CREATE TABLE api_keys (
    key_id VARCHAR(32) NOT NULL PRIMARY KEY,
    name VARCHAR(64) NOT NULL UNIQUE,
    role VARCHAR(16) NOT NULL,
    secret_hash VARCHAR(100) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    created_by VARCHAR(128) NOT NULL,
    last_used_at_ms BIGINT,
    revoked_at_ms BIGINT,
    revoked_by VARCHAR(128),
    CONSTRAINT api_keys_role_valid CHECK (role IN ('read', 'review', 'admin'))
);

-- One row per review or administration action, written in the action's own transaction. The
-- random entry id only breaks ties between rows of the same millisecond (no portable
-- auto-increment exists between SQLite and PostgreSQL).
CREATE TABLE audit_log (
    entry_id VARCHAR(36) NOT NULL PRIMARY KEY,
    at_ms BIGINT NOT NULL,
    actor VARCHAR(128) NOT NULL,
    actor_role VARCHAR(16) NOT NULL,
    action VARCHAR(32) NOT NULL,
    target_type VARCHAR(16) NOT NULL,
    target_id VARCHAR(300) NOT NULL,
    detail VARCHAR(512)
);

CREATE INDEX audit_log_by_time ON audit_log (at_ms, entry_id);
CREATE INDEX audit_log_by_actor ON audit_log (actor, at_ms);
