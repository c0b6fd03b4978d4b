package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stack up --taskmanagers 2 --ha}: a ZooKeeper server and two TaskManagers besides the
 * broker and the JobManager. The JobManager and a TaskManager are killed with SIGKILL while the job
 * runs; a plain {@code stack up} starts exactly those two again, and the new JobManager resumes the
 * same job from its latest checkpoint without a new submission.
 */
class HighAvailabilityStackITCase {

    @TempDir static Path var;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static StackCommand fraudstream;
    private static StackCommand.Ports ports;

    @AfterAll
    static void stackDown() {
        if (fraudstream != null) {
            fraudstream.run(List.of("stack", "down"));
            fraudstream.processes().forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aKilledJobManagerAndTaskManagerComeBackWithStackUpAndTheJobResumesFromItsCheckpoint() {
        fraudstream = new StackCommand(StackCommand.home(), var);
        ports = StackCommand.Ports.free();
        List<String> up = new ArrayList<>(List.of("stack", "up", "--taskmanagers", "2", "--ha"));
        up.addAll(ports.options());
        StackCommand.Result started = fraudstream.run(up);
        assertThat(started.exitCode()).as(started.stdout() + started.stderr()).isZero();
        assertThat(started.stdout()).contains("zookeeper", "taskmanager-2", "4 slots in 2");
        assertThat(fraudstream.processes()).hasSize(5);
        StackCommand.Result status = fraudstream.run(List.of("stack", "status"));
        assertThat(status.exitCode()).as(status.stdout()).isZero();
        assertThat(status.stdout().lines().filter(l -> l.contains(" healthy "))).hasSize(5);
        assertThat(status.stdout()).contains("high availability through ZooKeeper");

        StackCommand.Result submit =
                fraudstream.run(List.of("submit", "--checkpoints.interval", "2 s"));
        assertThat(submit.exitCode()).as(submit.stdout() + submit.stderr()).isZero();
        Matcher id =
                Pattern.compile("submitted the fraud job: ([0-9a-f]{32})").matcher(submit.stdout());
        assertThat(id.find()).as(submit.stdout()).isTrue();
        String job = id.group(1);
        await().atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                get("/jobs/" + job + "/checkpoints")
                                        .map(c -> c.path("counts").path("completed").asInt() >= 1)
                                        .orElse(false));

        kill("jobmanager");
        kill("taskmanager-2");
        assertThat(fraudstream.processes()).hasSize(3);

        StackCommand.Result again = fraudstream.run(List.of("stack", "up"));
        assertThat(again.exitCode()).as(again.stdout() + again.stderr()).isZero();
        assertThat(again.stdout().lines().filter(l -> l.contains(" started "))).hasSize(2);
        assertThat(again.stdout()).containsPattern("jobmanager +started");
        assertThat(again.stdout()).containsPattern("taskmanager-2 +started");
        assertThat(fraudstream.processes()).hasSize(5);

        await().atMost(Duration.ofMinutes(2))
                .until(
                        () ->
                                get("/jobs/" + job)
                                        .map(j -> j.path("state").asText().equals("RUNNING"))
                                        .orElse(false));
        long restored =
                get("/jobs/" + job + "/checkpoints")
                        .map(c -> c.path("latest").path("restored").path("id").asLong(-1))
                        .orElse(-1L);
        assertThat(restored).as("checkpoint the new JobManager restored").isPositive();

        StackCommand.Result down = fraudstream.run(List.of("stack", "down"));
        assertThat(down.exitCode()).isZero();
        assertThat(down.stdout()).contains("zookeeper", "taskmanager-2");
        assertThat(fraudstream.processes()).isEmpty();
    }

    private static void kill(String component) {
        String marker = "-Dfraudstream.component=" + component + " ";
        ProcessHandle process =
                fraudstream.processes().stream()
                        .filter(p -> p.info().commandLine().orElse("").contains(marker))
                        .findFirst()
                        .orElseThrow();
        process.destroyForcibly();
        process.onExit().join();
    }

    private static Optional<JsonNode> get(String path) {
        try {
            HttpResponse<byte[]> response =
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(ports.restUrl() + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
