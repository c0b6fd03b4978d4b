package io.fraudstream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.sink.ingest.IngestHook;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, usage errors, and refusal to start without a token or a key. */
class AlertSinkMainTest {

    @TempDir Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void helpListsTheOptionsAndTheBenchCommand() {
        CliRun run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "--port",
                        "--bootstrap-servers",
                        "--db",
                        "--config",
                        "--generate-token",
                        "keys",
                        "bench");
    }

    @Test
    void anUnknownOptionPrintsUsageAndFails() {
        for (CliRun run : List.of(run("--prot", "80"), run("--prot=80"))) {
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err())
                    .contains("alert-sink: prot: unknown key (known: http, kafka, store,")
                    .contains("Usage: alert-sink");
        }
    }

    @Test
    void anySettingOfTheFileCanBeGivenAsKeyValueAndIsValidatedNamingTheKey() {
        CliRun run = run("--notifications.rate-limit.window", "soon", "--http.port", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith(
                        "alert-sink: notifications.rate-limit.window: not a duration: \"soon\"");
    }

    @Test
    void refusesToStartWithoutATokenOrAKeyAndSaysHowToGetOne() throws Exception {
        // A config file without a token and an empty database; FRAUDSTREAM_API_TOKEN is not set in
        // the test JVM.
        Path config =
                Files.writeString(
                        dir.resolve("sink.yaml"),
                        "http:\n  port: 0\nstore:\n  url: jdbc:sqlite:"
                                + dir.resolve("alerts.db")
                                + "\n");
        assertThat(System.getenv(ConfigLoader.ENV_API_TOKEN)).isNull();

        CliRun run = run("--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "alert-sink: http.token: no API token and no API key",
                        "keys create NAME --role admin",
                        "--generate-token");
    }

    @Test
    void aConfigurationSectionOfTheWrongShapeExits2NamingTheKey() throws Exception {
        Path config =
                Files.writeString(
                        dir.resolve("sink.yaml"),
                        "http:\n  token: 0123456789abcdef01\nnotifications:\n"
                                + "  webhook: https://hooks.example/x\n");

        CliRun run = run("--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .startsWith("alert-sink: notifications.webhook: must be a mapping of url,");
    }

    @Test
    void theCrashTestEntryPointRunsTheSameCommandLine() {
        assertThat(AlertSinkMain.execute(new String[] {"--version"}, IngestHook.NONE)).isZero();
    }
}
