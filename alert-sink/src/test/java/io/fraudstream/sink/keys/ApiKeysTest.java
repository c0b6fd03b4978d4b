package io.fraudstream.sink.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.AuditEntry;
import io.fraudstream.sink.store.AuditLog;
import io.fraudstream.sink.store.AuditQuery;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.store.StoredKey;
import io.fraudstream.sink.store.Transition;
import io.fraudstream.sink.testing.Dialect;
import io.fraudstream.sink.testing.ManualClock;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Named API keys on SQLite and PostgreSQL: shown once and stored as a hash, checked, cached,
 * revoked (also by another process), and audited.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class ApiKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-26T17:30:00Z");
    private static final Actor ADMIN = new Actor("root-admin", Role.ADMIN);
    private static final String BOOTSTRAP_TOKEN = "bootstrap-token-0123456789";

    @Parameter Dialect dialect;

    @TempDir Path dir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private Database database;
    private ApiKeys keys;

    @BeforeEach
    void open() {
        database = Database.open(dialect.newDatabase(dir), 2);
        keys = new ApiKeys(new KeyStore(database, clock), BOOTSTRAP_TOKEN, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    /** What another process on the same database sees: its own cache, nothing shared. */
    private ApiKeys otherProcess() {
        return new ApiKeys(new KeyStore(database, clock), null, clock);
    }

    private ApiKey create(String name, Role role) {
        return keys.create(name, role, ADMIN).orElseThrow().key();
    }

    /** Every column of every api_keys row, as text. */
    private List<String> storedColumns() {
        return database.read(
                c -> {
                    List<String> out = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement("SELECT * FROM api_keys");
                            ResultSet rs = s.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int i = 1; i <= columns; i++) {
                                out.add(rs.getString(i));
                            }
                        }
                    }
                    return out;
                });
    }

    @Test
    void aCreatedKeyAuthenticatesAsItsNameAndRole() {
        ApiKey key = create("alice", Role.REVIEW);

        assertThat(keys.authenticate(key.text())).contains(new Actor("alice", Role.REVIEW));
        assertThat(otherProcess().authenticate(key.text()))
                .contains(new Actor("alice", Role.REVIEW));
    }

    @Test
    void theStoredRowHoldsASaltedHashNeverTheKeyOrItsSecret() {
        ApiKey first = create("alice", Role.READ);
        ApiKey second = create("bob", Role.READ);

        List<String> columns = storedColumns();
        StoredKey row = keys.list().get(0);

        assertThat(columns).noneMatch(v -> v != null && v.contains(first.secret()));
        assertThat(columns).noneMatch(v -> v != null && v.contains(second.secret()));
        assertThat(row.secretHash()).startsWith("$2a$" + ApiKeys.BCRYPT_COST + "$");
        assertThat(BCrypt.checkpw(first.secret(), row.secretHash())).isTrue();
        // salted: two keys never share a hash prefix, so one cracked hash says nothing of another
        assertThat(keys.list().get(1).secretHash().substring(0, 29))
                .isNotEqualTo(row.secretHash().substring(0, 29));
        assertThat(row.toString()).doesNotContain(row.secretHash());
    }

    @Test
    void unknownMalformedAndWrongSecretKeysAreRefused() {
        ApiKey key = create("alice", Role.ADMIN);
        String wrongSecret = new ApiKey(key.id(), ApiKey.generate().secret()).text();
        String unknownId = new ApiKey(ApiKey.generate().id(), key.secret()).text();

        assertThat(keys.authenticate(wrongSecret)).isEmpty();
        assertThat(keys.authenticate(unknownId)).isEmpty();
        assertThat(keys.authenticate(key.text() + "x")).isEmpty();
        assertThat(keys.authenticate("not-a-key-0123456789")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
        // the wrong secret stays wrong once the right one is cached
        assertThat(keys.authenticate(key.text())).isPresent();
        assertThat(keys.authenticate(wrongSecret)).isEmpty();
    }

    @Test
    void afterFiveWrongSecretsAnIdIsNotCheckedForAMinuteButAKeyVerifiedBeforeStillWorks() {
        ManualClock time = new ManualClock(NOW);
        ApiKeys service = new ApiKeys(new KeyStore(database, time), null, time);
        ApiKey guessed = create("alice", Role.READ);
        ApiKey inUse = create("bob", Role.READ);
        assertThat(service.authenticate(inUse.text())).isPresent();
        for (ApiKey key : List.of(guessed, inUse)) {
            for (int i = 0; i < ApiKeys.MAX_FAILURES; i++) {
                String wrong = new ApiKey(key.id(), ApiKey.generate().secret()).text();
                assertThat(service.authenticate(wrong)).isEmpty();
            }
        }

        // the right secret of an id under guessing waits out the window...
        assertThat(service.authenticate(guessed.text())).isEmpty();
        // ...unless this process had verified it before
        assertThat(service.authenticate(inUse.text())).isPresent();

        time.advance(ApiKeys.FAILURE_WINDOW);
        assertThat(service.authenticate(guessed.text())).isPresent();
    }

    @Test
    void aVerifiedKeyIsRememberedSoTheNextRequestSkipsTheSlowHash() {
        ApiKey key = create("alice", Role.READ);
        assertThat(keys.authenticate(key.text())).isPresent();
        // replace the stored hash: only a process that verified the key before still accepts it
        database.inTransaction(
                c -> {
                    try (PreparedStatement s =
                            c.prepareStatement("UPDATE api_keys SET secret_hash = ?")) {
                        s.setString(1, BCrypt.hashpw("something else", BCrypt.gensalt(4)));
                        return s.executeUpdate();
                    }
                });

        assertThat(keys.authenticate(key.text())).isPresent();
        assertThat(otherProcess().authenticate(key.text())).isEmpty();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceEvenWhenAnotherProcessRevokedIt() {
        ApiKey key = create("alice", Role.REVIEW);
        Actor alice = keys.authenticate(key.text()).orElseThrow();

        otherProcess().revoke("alice", new Actor("cli:ops", Role.ADMIN));

        assertThat(keys.authenticate(key.text())).isEmpty();
        assertThat(keys.stillValid(alice)).isFalse();
        assertThat(keys.revoke("alice", ADMIN).outcome()).isEqualTo(Transition.Outcome.CONFLICT);
        assertThat(keys.revoke("nobody", ADMIN).outcome()).isEqualTo(Transition.Outcome.NOT_FOUND);
        assertThat(keys.list().get(0).revokedBy()).isEqualTo("cli:ops");
    }

    @Test
    void theConfiguredTokenIsTheBootstrapAdminAndItsNameCannotBeTaken() {
        assertThat(keys.authenticate(BOOTSTRAP_TOKEN))
                .contains(new Actor(ApiKeys.BOOTSTRAP, Role.ADMIN));
        assertThat(otherProcess().authenticate(BOOTSTRAP_TOKEN)).isEmpty();
        assertThatThrownBy(() -> keys.create(ApiKeys.BOOTSTRAP, Role.READ, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configured token");
        assertThatThrownBy(() -> keys.create("Alice Smith", Role.READ, ADMIN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a-z 0-9");
    }

    @Test
    void aNameIsTakenForGoodEvenAfterItsKeyIsRevoked() {
        create("alice", Role.READ);
        keys.revoke("alice", ADMIN);

        assertThat(keys.create("alice", Role.ADMIN, ADMIN)).isEmpty();
        assertThat(keys.list()).extracting(StoredKey::role).containsExactly(Role.READ);
    }

    @Test
    void keysAreUsableOnlyWhenOneIsNotRevokedOrATokenIsConfigured() {
        ApiKeys noToken = otherProcess();
        assertThat(noToken.anyUsable()).isFalse();
        assertThat(keys.anyUsable()).isTrue();

        create("alice", Role.READ);
        assertThat(noToken.anyUsable()).isTrue();
        keys.revoke("alice", ADMIN);
        assertThat(noToken.anyUsable()).isFalse();
    }

    @Test
    void useIsRecordedAndCreationAndRevocationAreAudited() {
        ApiKey key = create("alice", Role.REVIEW);
        keys.authenticate(key.text());
        keys.revoke("alice", ADMIN);

        assertThat(keys.list().get(0).lastUsedAt()).isEqualTo(NOW);
        List<AuditEntry> entries = new AuditLog(database).find(AuditQuery.all(10)).items();
        assertThat(entries)
                .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::targetId)
                .containsExactlyInAnyOrder(
                        tuple("root-admin", "key.create", "alice"),
                        tuple("root-admin", "key.revoke", "alice"));
        assertThat(entries).allMatch(e -> e.actorRole() == Role.ADMIN && e.at().equals(NOW));
    }
}
