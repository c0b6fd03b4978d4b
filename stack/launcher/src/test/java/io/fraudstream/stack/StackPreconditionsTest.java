package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code stack up} refuses before it starts anything. */
class StackPreconditionsTest {

    @TempDir Path var;

    @Test
    void upRefusesAPortAnotherProcessHoldsNamingComponentAndPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            StackCommand.Result up =
                    new StackCommand(StackCommand.home(), var)
                            .run(List.of("stack", "up", "--kafka-port", Integer.toString(port)));

            assertThat(up.exitCode()).isEqualTo(1);
            assertThat(up.stderr())
                    .contains("fraudstream: kafka: port " + port)
                    .contains("already in use")
                    .contains("--kafka-port");
        }
    }

    @Test
    void unknownCommandPrintsUsage() {
        StackCommand.Result result =
                new StackCommand(StackCommand.home(), var).run(List.of("stack", "sideways"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("Usage: fraudstream stack");
    }

    @Test
    void launcherWithoutJavaSaysSoAndFails() throws Exception {
        // An environment without any Java: PATH leads nowhere and JAVA_HOME is unset.
        ProcessBuilder noJava =
                new ProcessBuilder(
                                "/bin/bash",
                                StackCommand.home().resolve("bin/fraudstream").toString(),
                                "stack",
                                "status")
                        .redirectErrorStream(true);
        noJava.environment().clear();
        noJava.environment().put("PATH", "/nonexistent");
        Process run = noJava.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(output).contains("fraudstream: no Java found");
    }
}
