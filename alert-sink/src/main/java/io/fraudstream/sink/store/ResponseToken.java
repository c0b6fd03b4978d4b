package io.fraudstream.sink.store;

import java.time.Instant;

/**
 * A response link sent to the cardholder, as stored: its random id, what it is for, when it stops
 * working, and until when the alert's case waits for the answer before the analysts see it.
 */
public record ResponseToken(
        String tokenId, String alertId, String accountId, Instant expiresAt, Instant answerBy) {}
