package io.fraudstream.sink.keys;

import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.KeyChange;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.store.StoredKey;
import io.fraudstream.sink.store.Transition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Named API keys: created (shown once, stored as a salted BCrypt hash of the secret), listed,
 * revoked, and checked on every request.
 *
 * <p>A request pays the slow hash only the first time this process sees a key: a successful check
 * is remembered as the SHA-256 of the whole key, so the next request with it costs one digest and a
 * constant-time comparison. The key's row is still read on every request (one primary-key look-up),
 * so a revocation, also one made by {@code bin/alert-sink keys revoke} in another process, refuses
 * the very next request. The key's id is public (it is in {@code keys list}), so telling an unknown
 * id from a wrong secret by timing reveals nothing; the secret is only ever compared by BCrypt,
 * which compares in constant time.
 *
 * <p>The configured token ({@code FRAUDSTREAM_API_TOKEN} or {@code http.token}) is the {@value
 * #BOOTSTRAP} key with the admin role, compared in constant time after hashing both sides.
 */
public final class ApiKeys {

    /** The name of the configured token's key; no stored key can take it. */
    public static final String BOOTSTRAP = "bootstrap";

    /** BCrypt's work factor: about 50–100 ms per hash on a laptop core. */
    static final int BCRYPT_COST = 10;

    /** How often a key's "last used" time is written: it is shown to the minute. */
    static final Duration LAST_USED_STEP = Duration.ofMinutes(1);

    /**
     * Wrong secrets for one key id within {@link #FAILURE_WINDOW} after which the slow hash is not
     * tried again for that id until the window has passed: guessing costs the service a BCrypt
     * check each, so a guesser must not be able to make it do one per request. A key already
     * verified by this process still works meanwhile (its digest is compared, no hash); only an
     * unverified one waits, so the guesser cannot lock its owner out of a running service.
     */
    static final int MAX_FAILURES = 5;

    static final Duration FAILURE_WINDOW = Duration.ofMinutes(1);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Wrong secrets of one key id since {@code since}. */
    private record Failures(Instant since, int count) {}

    /** A created key: its text (to show once) and its row. */
    public record NewKey(ApiKey key, StoredKey stored) {}

    private final KeyStore store;
    private final Clock clock;
    private final byte[] bootstrapDigest;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastMarked = new ConcurrentHashMap<>();

    /** Only ids of stored keys get here, so this holds at most one entry per key. */
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /**
     * @param bootstrapToken the configured token, or {@code null} for none
     */
    public ApiKeys(KeyStore store, String bootstrapToken, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.bootstrapDigest = bootstrapToken == null ? null : sha256(bootstrapToken);
    }

    /**
     * Checks a key name: lower-case letters, digits, {@code . _ -}, at most 64, not {@value
     * #BOOTSTRAP}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "must be 1 to 64 of a-z 0-9 . _ - starting with a letter or digit, was '"
                            + name
                            + "'");
        }
        if (name.equals(BOOTSTRAP)) {
            throw new IllegalArgumentException(
                    "'" + BOOTSTRAP + "' is the configured token's name; choose another");
        }
        return name;
    }

    /** Creates a key; empty when a key (revoked or not) already has the name. */
    public Optional<NewKey> create(String name, Role role, Actor by) {
        checkName(name);
        ApiKey key = ApiKey.generate();
        String hash = BCrypt.hashpw(key.secret(), BCrypt.gensalt(BCRYPT_COST));
        KeyChange change = store.create(key.id(), name, role, hash, by);
        return change.outcome() == Transition.Outcome.DONE
                ? Optional.of(new NewKey(key, change.key()))
                : Optional.empty();
    }

    /** Revokes a key: from now on every request with it is refused. */
    public KeyChange revoke(String name, Actor by) {
        KeyChange change = store.revoke(name, by);
        if (change.key() != null) {
            verified.remove(change.key().keyId());
        }
        return change;
    }

    /** Every stored key, revoked ones included. */
    public List<StoredKey> list() {
        return store.list();
    }

    /** Whether anyone can get in: a configured token, or a stored key not revoked. */
    public boolean anyUsable() {
        return bootstrapDigest != null || store.anyActive();
    }

    /** Who presents this key, or empty when it is unknown, wrong or revoked. */
    public Optional<Actor> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        if (bootstrapDigest != null && MessageDigest.isEqual(bootstrapDigest, digest)) {
            return Optional.of(new Actor(BOOTSTRAP, Role.ADMIN));
        }
        Optional<ApiKey> key = ApiKey.parse(presented);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        String id = key.get().id();
        Optional<StoredKey> row = store.byId(id);
        if (row.isEmpty() || row.get().revoked()) {
            verified.remove(id);
            return Optional.empty();
        }
        byte[] known = verified.get(id);
        if (known == null || !MessageDigest.isEqual(known, digest)) {
            if (throttled(id)) {
                return Optional.empty();
            }
            if (!BCrypt.checkpw(key.get().secret(), row.get().secretHash())) {
                failed(id);
                return Optional.empty();
            }
            failures.remove(id);
            verified.put(id, digest);
        }
        markUsed(id);
        return Optional.of(new Actor(row.get().name(), row.get().role()));
    }

    private boolean throttled(String id) {
        Failures f = failures.get(id);
        if (f == null) {
            return false;
        }
        if (!clock.instant().isBefore(f.since().plus(FAILURE_WINDOW))) {
            failures.remove(id, f);
            return false;
        }
        return f.count() >= MAX_FAILURES;
    }

    private void failed(String id) {
        Instant now = clock.instant();
        failures.merge(
                id,
                new Failures(now, 1),
                (old, one) ->
                        now.isBefore(old.since().plus(FAILURE_WINDOW))
                                ? new Failures(old.since(), old.count() + 1)
                                : one);
    }

    /** Whether the key that authenticated {@code actor} still works (for long-lived streams). */
    public boolean stillValid(Actor actor) {
        if (actor.name().equals(BOOTSTRAP)) {
            return bootstrapDigest != null;
        }
        return store.byName(actor.name()).map(k -> !k.revoked()).orElse(false);
    }

    private void markUsed(String keyId) {
        Instant now = clock.instant();
        Instant last = lastMarked.get(keyId);
        if (last == null || !now.isBefore(last.plus(LAST_USED_STEP))) {
            lastMarked.put(keyId, now);
            store.markUsed(keyId, now);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
