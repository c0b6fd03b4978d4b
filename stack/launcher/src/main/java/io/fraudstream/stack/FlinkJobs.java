package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the fraud job: submitted to the local cluster through Flink's CLI front end ({@code
 * CliFrontend run}, which is what {@code flink run} executes), or in a local MiniCluster.
 */
final class FlinkJobs {

    static final String JOB_MAIN = "io.fraudstream.job.FraudDetectionJob";
    static final String JOB_JAR = "fraud-job/target/fraudstream-fraud-job.jar";
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final Pattern INVALID_OPTIONS =
            Pattern.compile("(?m)^fraud-job: invalid configuration: (.*)$");

    private final StackLayout layout;
    private final FlinkCluster flink;

    FlinkJobs(StackLayout layout, FlinkCluster flink) {
        this.layout = layout;
        this.flink = flink;
    }

    Path jobJar() {
        Path jar = layout.home().resolve(JOB_JAR);
        if (!Files.isRegularFile(jar)) {
            throw new StackException(
                    "submit",
                    "the job jar "
                            + layout.show(jar)
                            + " is missing: build first (bin/fraudstream builds on first use, or"
                            + " mvn -B -DskipTests package)");
        }
        return jar;
    }

    /** The job id and the CLI's output of a detached submission. */
    record Submission(String jobId, String output) {}

    /** {@code flink run -d <jar> <args>} against the running local cluster. */
    Submission submit(List<String> jobArgs) {
        return submit(null, jobArgs);
    }

    /** {@code flink run -d [-c entryClass] <jar> <args>} against the running local cluster. */
    Submission submit(String entryClass, List<String> jobArgs) {
        return submit(entryClass, null, jobArgs);
    }

    /**
     * {@code flink run -d [-c entryClass] [-s savepoint] <jar> <args>}: restored from {@code
     * savepoint} when it is not null.
     */
    Submission submit(String entryClass, String savepoint, List<String> jobArgs) {
        List<String> command = new ArrayList<>();
        command.add(LocalStack.currentJava());
        command.add("-Xmx512m");
        command.addAll(flink.javaOpens());
        command.add("-Dlog.file=" + layout.log("flink-cli.log"));
        command.add(
                "-Dlog4j.configurationFile="
                        + layout.flinkConfDir().resolve("log4j-cli.properties").toUri());
        command.add("-cp");
        command.add(layout.classpath("flink-runtime"));
        command.add("org.apache.flink.client.cli.CliFrontend");
        command.add("run");
        command.add("--detached");
        if (entryClass != null) {
            command.add("--class");
            command.add(entryClass);
        }
        if (savepoint != null) {
            command.add("--fromSavepoint");
            command.add(savepoint);
        }
        command.add(jobJar().toString());
        command.addAll(jobArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("FLINK_CONF_DIR", layout.flinkConfDir().toString());
        try {
            Process process = builder.start();
            String output =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            Matcher id = JOB_ID.matcher(output);
            Matcher invalid = INVALID_OPTIONS.matcher(output);
            if (exit == 2 && invalid.find()) {
                // The job's own validation: the message names the option, nothing else helps.
                throw new StackException(
                        "submit",
                        "invalid job option: "
                                + invalid.group(1).strip()
                                + " (every option, with its default: conf/fraud-job.yaml)",
                        2);
            }
            if (exit != 0 || !id.find()) {
                throw new StackException(
                        "submit",
                        "Flink's CLI front end failed (exit "
                                + exit
                                + "); its log is "
                                + layout.show(layout.log("flink-cli.log"))
                                + ":\n"
                                + output.strip());
            }
            return new Submission(id.group(1), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("submit", "interrupted");
        }
    }

    /** The job's state from the REST API, e.g. {@code RUNNING}. */
    Optional<String> state(String jobId) {
        return flink.get("/jobs/" + jobId).map(job -> job.path("state").asText());
    }

    /** Waits until the job reaches {@code state}; fails when it ends in another terminal state. */
    void awaitState(String jobId, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String seen = "";
        while (!seen.equals(state)) {
            seen = state(jobId).orElse("");
            if (seen.equals("FAILED") || seen.equals("CANCELED") && !state.equals("CANCELED")) {
                throw new StackException(
                        "submit", "job " + jobId + " is " + seen + "; see the Flink web UI");
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        "submit",
                        "job "
                                + jobId
                                + " not "
                                + state
                                + " within "
                                + timeout.toSeconds()
                                + " s (is "
                                + seen
                                + ")");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** The sum over all subtasks of a vertex metric, e.g. {@code numRecordsIn}; 0 when unknown. */
    long vertexMetric(String jobId, String vertexNamePart, String metric) {
        return vertexMetric(jobId, vertexNamePart, metric, "sum");
    }

    /** As {@link #vertexMetric(String, String, String)}, aggregated by {@code agg} (max, ...). */
    long vertexMetric(String jobId, String vertexNamePart, String metric, String agg) {
        Optional<JsonNode> job = flink.get("/jobs/" + jobId);
        if (job.isEmpty()) {
            return 0;
        }
        for (JsonNode vertex : job.get().path("vertices")) {
            if (vertex.path("name").asText().contains(vertexNamePart)) {
                return flink.get(
                                "/jobs/"
                                        + jobId
                                        + "/vertices/"
                                        + vertex.path("id").asText()
                                        + "/subtasks/metrics?get="
                                        + metric
                                        + "&agg="
                                        + agg)
                        .map(m -> m.path(0).path(agg).asLong(0))
                        .orElse(0L);
            }
        }
        return 0;
    }

    /**
     * A task metric of the job's last vertex (its sink's chain), summed over its subtasks; 0 while
     * the job or the metric is not there.
     */
    long lastVertexMetric(String jobId, String metric) {
        Optional<JsonNode> job = flink.get("/jobs/" + jobId);
        if (job.isEmpty() || job.get().path("vertices").isEmpty()) {
            return 0;
        }
        JsonNode vertices = job.get().path("vertices");
        String vertex = vertices.get(vertices.size() - 1).path("id").asText();
        return flink.get(
                        "/jobs/"
                                + jobId
                                + "/vertices/"
                                + vertex
                                + "/subtasks/metrics?get="
                                + metric
                                + "&agg=sum")
                .map(m -> m.path(0).path("sum").asLong(0))
                .orElse(0L);
    }

    /** The vertex id whose name contains {@code vertexNamePart}, if the job has one. */
    Optional<String> vertexId(String jobId, String vertexNamePart) {
        return flink.get("/jobs/" + jobId)
                .flatMap(
                        job -> {
                            for (JsonNode vertex : job.path("vertices")) {
                                if (vertex.path("name").asText().contains(vertexNamePart)) {
                                    return Optional.of(vertex.path("id").asText());
                                }
                            }
                            return Optional.empty();
                        });
    }

    /**
     * Stops a job with a savepoint into {@code directory} (what {@code flink stop} does) and
     * returns the savepoint's path once it is complete.
     */
    String stopWithSavepoint(String jobId, Path directory, Duration timeout) {
        String body =
                "{\"targetDirectory\": \""
                        + directory.toUri()
                        + "\", \"drain\": false, \"formatType\": \"CANONICAL\"}";
        String trigger =
                flink.post("/jobs/" + jobId + "/stop", body)
                        .map(answer -> answer.path("request-id").asText())
                        .orElseThrow(
                                () ->
                                        new StackException(
                                                "submit",
                                                "the JobManager refused to stop job "
                                                        + jobId
                                                        + " with a savepoint"));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> status = flink.get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (status.isPresent()
                    && status.get().path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode operation = status.get().path("operation");
                if (operation.has("failure-cause")) {
                    throw new StackException(
                            "submit",
                            "the savepoint of job "
                                    + jobId
                                    + " failed: "
                                    + operation
                                            .path("failure-cause")
                                            .path("serialized-throwable")
                                            .asText(operation.path("failure-cause").toString()));
                }
                return operation.path("location").asText();
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new StackException(
                "submit", "the savepoint of job " + jobId + " did not complete in time");
    }

    /** Cancels a job through the REST API (what the web UI's Cancel button does). */
    void cancel(String jobId) {
        flink.patch("/jobs/" + jobId + "?mode=cancel");
    }

    /** The job in a MiniCluster inside one foreground JVM, for development without a cluster. */
    ProcessBuilder local(List<String> jobArgs) {
        List<String> command = new ArrayList<>();
        command.add(LocalStack.currentJava());
        command.add("-Xmx1g");
        command.addAll(flink.javaOpens());
        command.add("-Dlog.file=" + layout.log("flink-local.log"));
        command.add(
                "-Dlog4j.configurationFile="
                        + layout.conf().resolve("flink/log4j-cli.properties").toUri());
        command.add("-cp");
        command.add(layout.classpath("flink-runtime") + File.pathSeparator + jobJar());
        command.add(JOB_MAIN);
        command.addAll(jobArgs);
        return new ProcessBuilder(command).inheritIO();
    }
}
