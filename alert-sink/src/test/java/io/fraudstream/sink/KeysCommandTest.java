package io.fraudstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.sink.keys.ApiKey;
import io.fraudstream.sink.keys.ApiKeys;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.AuditEntry;
import io.fraudstream.sink.store.AuditLog;
import io.fraudstream.sink.store.AuditQuery;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/alert-sink keys}: create prints the key once, list never shows it, revoke ends it. */
class KeysCommandTest {

    @TempDir Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private String db() {
        return "jdbc:sqlite:" + dir.resolve("alerts.db");
    }

    /** What the service would see: a fresh check against the same database. */
    private Actor authenticate(String key) {
        try (Database database = Database.open(db(), 2)) {
            return new ApiKeys(new KeyStore(database, Clock.systemUTC()), null, Clock.systemUTC())
                    .authenticate(key)
                    .orElse(null);
        }
    }

    @Test
    void createPrintsTheKeyAloneOnStdoutOnceAndTheServiceAcceptsIt() {
        CliRun created = run("keys", "create", "alice", "--role", "review", "--db", db());

        assertThat(created.exitCode()).isZero();
        String key = created.out().strip();
        assertThat(ApiKey.parse(key)).isPresent();
        assertThat(created.err()).contains("created alice (role review)", "shown only now");
        assertThat(authenticate(key)).isEqualTo(new Actor("alice", Role.REVIEW));
    }

    @Test
    void listShowsNameRoleAndStateButNeverTheKey() {
        String key = run("keys", "create", "alice", "--role", "read", "--db", db()).out().strip();
        run("keys", "create", "ops", "--role", "admin", "--db", db());
        run("keys", "revoke", "ops", "--db", db());

        CliRun list = run("keys", "list", "--db", db());

        assertThat(list.exitCode()).isZero();
        assertThat(list.out())
                .contains("NAME", "ROLE", "CREATED", "LAST USED", "REVOKED")
                .containsPattern("alice +read +\\d{4}-")
                .containsPattern("ops +admin .* by cli:")
                .doesNotContain(key, ApiKey.parse(key).orElseThrow().secret(), "$2a$");
    }

    @Test
    void revokeRefusesTheKeyAndIsAuditedUnderTheCommandLineUser() {
        String key = run("keys", "create", "alice", "--role", "read", "--db", db()).out().strip();

        CliRun revoked = run("keys", "revoke", "alice", "--db", db());
        CliRun again = run("keys", "revoke", "alice", "--db", db());
        CliRun missing = run("keys", "revoke", "nobody", "--db", db());

        assertThat(revoked.exitCode()).isZero();
        assertThat(revoked.out()).contains("revoked alice");
        assertThat(authenticate(key)).isNull();
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("alice was already revoked");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no key named nobody");
        try (Database database = Database.open(db(), 2)) {
            assertThat(new AuditLog(database).find(AuditQuery.all(10)).items())
                    .extracting(AuditEntry::action)
                    .containsExactlyInAnyOrder("key.create", "key.revoke");
            assertThat(new AuditLog(database).find(AuditQuery.all(10)).items())
                    .allMatch(e -> e.actor().startsWith("cli:") && e.actorRole() == Role.ADMIN);
        }
    }

    @Test
    void theServicesDbOptionBeforeTheWordKeysIsTheDatabaseTheKeyGoesTo() {
        String key = run("--db", db(), "keys", "create", "bob", "--role", "read").out().strip();

        assertThat(authenticate(key)).isEqualTo(new Actor("bob", Role.READ));
        assertThat(run("keys", "list", "--db", db()).out()).contains("bob");
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        CliRun noRole = run("keys", "create", "alice", "--db", db());
        CliRun badRole = run("keys", "create", "alice", "--role", "root", "--db", db());
        CliRun badName = run("keys", "create", "Alice Smith", "--role", "read", "--db", db());
        CliRun reserved = run("keys", "create", "bootstrap", "--role", "read", "--db", db());
        CliRun noAction = run("keys", "--db", db());

        assertThat(noRole.exitCode()).isEqualTo(2);
        assertThat(noRole.err()).contains("Missing required option: '--role=ROLE'", "Usage:");
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("must be one of read, review, admin", "Usage:");
        assertThat(badName.exitCode()).isEqualTo(2);
        assertThat(badName.err()).contains("NAME: must be 1 to 64 of a-z 0-9", "Usage:");
        assertThat(reserved.exitCode()).isEqualTo(2);
        assertThat(reserved.err()).contains("configured token");
        assertThat(noAction.exitCode()).isEqualTo(2);
        assertThat(noAction.err()).contains("say create, list or revoke", "Usage: alert-sink keys");
    }

    @Test
    void aNameCannotBeCreatedTwice() {
        run("keys", "create", "alice", "--role", "read", "--db", db());

        CliRun again = run("keys", "create", "alice", "--role", "admin", "--db", db());

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.out()).isEmpty();
        assertThat(again.err()).contains("a key named alice exists");
    }
}
