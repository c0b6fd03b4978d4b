-- Cases: the alerts of one account close together in time, reviewed as one; the cardholder's
-- answers to customer messages and the single-use response tokens behind them; analyst notes.
-- Portable SQL, like V1: SQLite and PostgreSQL run it unchanged; times are epoch milliseconds.

CREATE TABLE cases (
    case_id VARCHAR(300) NOT NULL PRIMARY KEY,
    account_id VARCHAR(256) NOT NULL,
    status VARCHAR(16) NOT NULL,
    -- the transactions' times (event time) of the first and the last alert: an alert joins the
    -- case when it lies within the case window of them
    first_event_ms BIGINT NOT NULL,
    last_event_ms BIGINT NOT NULL,
    opened_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    alert_count INTEGER NOT NULL,
    max_score DOUBLE PRECISION NOT NULL,
    max_severity_rank INTEGER NOT NULL,
    escalated BOOLEAN NOT NULL,
    -- until then the case waits for the cardholder's answer before the analysts' queue shows it
    awaiting_customer_until_ms BIGINT,
    customer_answer VARCHAR(16),
    customer_answered_at_ms BIGINT,
    assignee VARCHAR(256),
    assigned_at_ms BIGINT,
    resolution VARCHAR(16),
    resolved_by VARCHAR(256),
    resolved_at_ms BIGINT,
    CONSTRAINT cases_status_valid CHECK (status IN ('OPEN', 'IN_REVIEW', 'RESOLVED')),
    CONSTRAINT cases_resolution_valid CHECK (resolution IS NULL OR resolution IN ('FRAUD', 'LEGIT')),
    CONSTRAINT cases_answer_valid
        CHECK (customer_answer IS NULL OR customer_answer IN ('me', 'not-me'))
);

CREATE INDEX cases_by_account ON cases (account_id, status, last_event_ms);
CREATE INDEX cases_by_status ON cases (status, max_score);

ALTER TABLE alerts ADD COLUMN case_id VARCHAR(300);

CREATE INDEX alerts_by_case ON alerts (case_id, event_time_ms);

CREATE TABLE case_notes (
    case_id VARCHAR(300) NOT NULL REFERENCES cases (case_id),
    note_index INTEGER NOT NULL,
    author VARCHAR(256) NOT NULL,
    text VARCHAR(2048) NOT NULL,
    created_at_ms BIGINT NOT NULL,
    PRIMARY KEY (case_id, note_index)
);

-- One row per response link sent: the token's random id is its key, so a token can be used once
-- (used_at_ms set in the transaction that records the answer) and never after it expires.
CREATE TABLE response_tokens (
    token_id VARCHAR(64) NOT NULL PRIMARY KEY,
    alert_id VARCHAR(256) NOT NULL REFERENCES alerts (alert_id),
    account_id VARCHAR(256) NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    used_at_ms BIGINT,
    answer VARCHAR(16)
);

CREATE INDEX response_tokens_by_alert ON response_tokens (alert_id);
