-- Alerts, their reasons, the notification outbox and the quarantine of undecodable records.
-- Portable SQL: SQLite (the default) and PostgreSQL run it unchanged. Times are epoch
-- milliseconds (BIGINT); the stored alert JSON is the canonical encoding of the event.

CREATE TABLE alerts (
    alert_id VARCHAR(256) NOT NULL PRIMARY KEY,
    account_id VARCHAR(256) NOT NULL,
    transaction_id VARCHAR(256) NOT NULL,
    event_time_ms BIGINT NOT NULL,
    detected_at_ms BIGINT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    severity VARCHAR(16) NOT NULL,
    action VARCHAR(16) NOT NULL,
    rule_version VARCHAR(256) NOT NULL,
    late BOOLEAN NOT NULL,
    detectors VARCHAR(4200) NOT NULL,
    payload TEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    acknowledged_by VARCHAR(256),
    acknowledged_at_ms BIGINT,
    resolution VARCHAR(16),
    resolution_note VARCHAR(2048),
    resolved_by VARCHAR(256),
    resolved_at_ms BIGINT,
    ingested_at_ms BIGINT NOT NULL,
    source_topic VARCHAR(249) NOT NULL,
    source_partition INTEGER NOT NULL,
    source_offset BIGINT NOT NULL,
    CONSTRAINT alerts_status_valid CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')),
    CONSTRAINT alerts_resolution_valid CHECK (resolution IS NULL OR resolution IN ('FRAUD', 'LEGIT'))
);

-- Lists are newest first and mostly filtered by status or account; severity and action have too
-- few values to be worth an index each on the ingest path (they filter the time-ordered scan).
CREATE INDEX alerts_by_detected_at ON alerts (detected_at_ms);
CREATE INDEX alerts_by_status ON alerts (status, detected_at_ms);
CREATE INDEX alerts_by_account ON alerts (account_id, detected_at_ms);

CREATE TABLE alert_reasons (
    alert_id VARCHAR(256) NOT NULL REFERENCES alerts (alert_id),
    reason_index INTEGER NOT NULL,
    detector VARCHAR(256) NOT NULL,
    message VARCHAR(1024) NOT NULL,
    observed_value DOUBLE PRECISION NOT NULL,
    threshold DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (alert_id, reason_index)
);

CREATE INDEX alert_reasons_by_detector ON alert_reasons (detector, alert_id);

-- The transactional outbox: one row per alert and channel, written in the transaction that stores
-- the alert, so a crash can neither lose a notification nor forget that it was delivered.
CREATE TABLE notifications (
    alert_id VARCHAR(256) NOT NULL REFERENCES alerts (alert_id),
    channel VARCHAR(64) NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error VARCHAR(1024),
    payload TEXT,
    next_attempt_ms BIGINT NOT NULL,
    created_at_ms BIGINT NOT NULL,
    updated_at_ms BIGINT NOT NULL,
    delivered_at_ms BIGINT,
    PRIMARY KEY (alert_id, channel),
    CONSTRAINT notifications_state_valid
        CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED', 'SUPPRESSED'))
);

CREATE INDEX notifications_due ON notifications (state, next_attempt_ms);

-- Records that did not decode, kept byte for byte (base64) with the decoder's reason.
CREATE TABLE quarantine (
    topic VARCHAR(249) NOT NULL,
    partition_id INTEGER NOT NULL,
    record_offset BIGINT NOT NULL,
    record_key TEXT,
    payload TEXT,
    field VARCHAR(256),
    reason VARCHAR(4096) NOT NULL,
    received_at_ms BIGINT NOT NULL,
    PRIMARY KEY (topic, partition_id, record_offset)
);
