package io.fraudstream.sink.store;

import java.time.Instant;

/**
 * An API key as stored: never the key itself, only its public id and the hash of its secret.
 *
 * @param keyId the public id inside the key, which finds this row
 * @param secretHash the salted BCrypt hash of the key's secret part
 * @param lastUsedAt when the key last authenticated a request (to the minute), or {@code null}
 * @param revokedAt when the key was revoked, or {@code null} while it works
 */
public record StoredKey(
        String keyId,
        String name,
        Role role,
        String secretHash,
        Instant createdAt,
        String createdBy,
        Instant lastUsedAt,
        Instant revokedAt,
        String revokedBy) {

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        // keeps the hash out of logs and error messages
        return "StoredKey[name=" + name + ", role=" + role.wireName() + "]";
    }
}
