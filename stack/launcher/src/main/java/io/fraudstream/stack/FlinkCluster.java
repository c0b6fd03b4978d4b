package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local Flink session cluster: one JobManager JVM ({@code StandaloneSessionClusterEntrypoint})
 * and one or more TaskManager JVMs ({@code TaskManagerRunner}), all configured from {@code
 * conf/flink/config.yaml}. With high availability the JobManager keeps its leadership, job graphs
 * and checkpoint pointers in ZooKeeper and its files under {@code var/flink/ha}, so a replacement
 * JobManager resumes the running jobs from their latest checkpoints.
 */
final class FlinkCluster {

    static final String JOBMANAGER = "jobmanager";
    static final String TASKMANAGER = "taskmanager";

    private static final String JOBMANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASKMANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String JAVA_OPTS_KEY = "env.java.opts.all";

    /** The port of the reporter {@code prom} that conf/flink/config.yaml declares. */
    private static final String PROMETHEUS_PORT = "metrics.reporter.prom.port";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackLayout layout;
    private final StackPorts ports;
    private final ManagedProcess jobManager;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FlinkCluster(StackLayout layout, StackPorts ports) {
        this.layout = layout;
        this.ports = ports;
        this.jobManager = new ManagedProcess(JOBMANAGER, layout);
    }

    ManagedProcess jobManager() {
        return jobManager;
    }

    /** TaskManager {@code index} (from 1): {@code taskmanager}, {@code taskmanager-2}, ... */
    ManagedProcess taskManager(int index) {
        return new ManagedProcess(index == 1 ? TASKMANAGER : TASKMANAGER + "-" + index, layout);
    }

    /** The first {@code count} TaskManagers. */
    List<ManagedProcess> taskManagers(int count) {
        List<ManagedProcess> all = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            all.add(taskManager(i));
        }
        return all;
    }

    /** 0 for the JobManager, N for TaskManager N: the process's slot in the port blocks. */
    static int index(ManagedProcess process) {
        String component = process.component();
        if (component.equals(JOBMANAGER)) {
            return 0;
        }
        if (component.equals(TASKMANAGER)) {
            return 1;
        }
        return Integer.parseInt(component.substring(TASKMANAGER.length() + 1));
    }

    /** Every TaskManager this stack may have started, whatever the topology is now. */
    List<ManagedProcess> everyTaskManager() {
        return taskManagers(StackTopology.MAX_TASKMANAGERS);
    }

    Path logFile(ManagedProcess process) {
        return layout.log("flink-" + process.component() + ".log");
    }

    /**
     * Writes the effective configuration to {@code var/flink/conf}: {@code conf/flink/config.yaml}
     * flattened to dotted keys, plus this machine's addresses, ports and directories. Flink's YAML
     * parser rejects duplicate keys, so overrides replace entries instead of being appended.
     */
    void writeConfig(StackTopology topology) {
        Path source = layout.conf().resolve("flink");
        Map<String, Object> config = readFlattened(source.resolve("config.yaml"));
        Path flink = layout.flinkDir();
        config.put("jobmanager.rpc.address", StackPorts.HOST);
        config.put("jobmanager.rpc.port", ports.flinkRpc());
        config.put("jobmanager.bind-host", StackPorts.HOST);
        config.put("rest.address", StackPorts.HOST);
        config.put("rest.bind-address", StackPorts.HOST);
        config.put("rest.port", ports.flinkRest());
        config.put("taskmanager.host", StackPorts.HOST);
        config.put("taskmanager.bind-host", StackPorts.HOST);
        // The JobManager's port; each TaskManager is given its own at start (see start).
        config.put(PROMETHEUS_PORT, Integer.toString(ports.prometheusPort(0)));
        config.put("execution.checkpointing.dir", flink.resolve("checkpoints").toUri().toString());
        config.put(
                "execution.checkpointing.savepoint-dir",
                flink.resolve("savepoints").toUri().toString());
        config.put("io.tmp.dirs", flink.resolve("tmp").toString());
        config.put("blob.storage.directory", flink.resolve("blobs").toString());
        config.put("web.tmpdir", flink.resolve("web").toString());
        config.put("web.upload.dir", flink.resolve("web-upload").toString());
        config.put("process.jobmanager.working-dir", flink.resolve("work").toString());
        config.put("process.taskmanager.working-dir", flink.resolve("work").toString());
        if (topology.ha()) {
            config.put("high-availability.type", "zookeeper");
            config.put("high-availability.zookeeper.quorum", ports.zookeeperQuorum());
            config.put("high-availability.storageDir", flink.resolve("ha").toUri().toString());
            config.put("high-availability.cluster-id", "/fraudstream-local");
            // A dead JobManager's leadership lapses after this (Flink's default: 60 s).
            config.put("high-availability.zookeeper.client.session-timeout", "10 s");
            // The local ZooKeeper has no Kerberos; without this the client logs failed logins.
            config.put("zookeeper.sasl.disable", true);
            // The JobManager's RPC port under high availability (else a random one).
            config.put("high-availability.jobmanager.port", Integer.toString(ports.flinkRpc()));
        }
        try {
            Files.createDirectories(layout.flinkConfDir());
            Files.createDirectories(flink.resolve("tmp"));
            Files.createDirectories(flink.resolve("web-upload"));
            YAMLMapper yaml =
                    YAMLMapper.builder()
                            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                            .build();
            Files.writeString(
                    layout.flinkConfDir().resolve("config.yaml"),
                    "# generated by bin/fraudstream from conf/flink/config.yaml; edit that file\n"
                            + yaml.writeValueAsString(config));
            for (String file : List.of("log4j.properties", "log4j-cli.properties")) {
                Files.copy(
                        source.resolve(file),
                        layout.flinkConfDir().resolve(file),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new StackException(
                    JOBMANAGER, "cannot write " + layout.show(layout.flinkConfDir()) + ": " + e);
        }
    }

    static Map<String, Object> readFlattened(Path yamlFile) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yamlFile.toFile());
            Map<String, Object> flat = new LinkedHashMap<>();
            if (root != null) {
                flatten("", root, flat);
            }
            return flat;
        } catch (IOException e) {
            throw new StackException(JOBMANAGER, "cannot read " + yamlFile + ": " + e.getMessage());
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(
                        prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue(),
                        out);
            }
        } else if (node.isNumber()) {
            out.put(prefix, node.numberValue());
        } else if (node.isBoolean()) {
            out.put(prefix, node.booleanValue());
        } else if (node.isArray()) {
            out.put(prefix, JSON.convertValue(node, List.class));
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** The Java 17 module opens Flink needs, from {@code env.java.opts.all} of the config. */
    List<String> javaOpens() {
        return javaOpts(JAVA_OPTS_KEY);
    }

    /** JVM flags under {@code key} of the config (such as {@code env.java.opts.taskmanager}). */
    private List<String> javaOpts(String key) {
        Object opts = readFlattened(layout.conf().resolve("flink/config.yaml")).get(key);
        if (opts == null) {
            return List.of();
        }
        return Arrays.stream(opts.toString().trim().split("\\s+"))
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /**
     * JVM flags (first) and {@code -D} settings (second) for a JobManager or TaskManager, computed
     * by Flink's own memory model exactly as Flink's shell scripts do.
     */
    List<List<String>> resourceParams(String java, String which) {
        List<String> command =
                List.of(
                        java,
                        "-Xmx128m",
                        "-cp",
                        layout.classpath("flink-runtime"),
                        BASH_JAVA_UTILS,
                        which,
                        "--configDir",
                        layout.flinkConfDir().toString());
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            List<String> results = new ArrayList<>();
            try (InputStream in = process.getInputStream()) {
                for (String line :
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.startsWith(RESULT_PREFIX)) {
                        results.add(line.substring(RESULT_PREFIX.length()).strip());
                    }
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)
                    || process.exitValue() != 0
                    || results.size() < 2) {
                throw new StackException(
                        which.contains("TM") ? TASKMANAGER : JOBMANAGER,
                        "Flink's memory calculation failed; check taskmanager.memory.* and"
                                + " jobmanager.memory.* in conf/flink/config.yaml");
            }
            List<String> jvm = split(results.get(results.size() - 2));
            List<String> dynamic = split(results.get(results.size() - 1));
            return List.of(jvm, dynamic);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(JOBMANAGER, "interrupted");
        }
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    ProcessHandle start(String java, ManagedProcess process, List<List<String>> resources) {
        List<String> jvm = new ArrayList<>(resources.get(0));
        jvm.addAll(javaOpens());
        // As Flink's scripts do: the JobManager's or TaskManager's own flags after the common ones.
        jvm.addAll(
                javaOpts(
                        process.component().equals(JOBMANAGER)
                                ? "env.java.opts.jobmanager"
                                : "env.java.opts.taskmanager"));
        jvm.add("-Djava.awt.headless=true");
        jvm.add("-Dlog.file=" + logFile(process));
        jvm.add(
                "-Dlog4j.configurationFile="
                        + layout.flinkConfDir().resolve("log4j.properties").toUri());
        List<String> args = new ArrayList<>();
        args.add("--configDir");
        args.add(layout.flinkConfDir().toString());
        args.addAll(resources.get(1));
        if (!process.component().equals(JOBMANAGER)) {
            // Named as the launcher names it, so the REST API's TaskManager ids say which JVM.
            args.add("-D");
            args.add("taskmanager.resource-id=" + process.component());
            args.add("-D");
            args.add(PROMETHEUS_PORT + "=" + ports.prometheusPort(index(process)));
        }
        String main = process.component().equals(JOBMANAGER) ? JOBMANAGER_MAIN : TASKMANAGER_MAIN;
        return process.start(
                java, jvm, layout.classpath("flink-runtime"), main, args, layout.flinkDir());
    }

    /** The REST API's {@code /overview}, or empty while the JobManager does not answer. */
    Optional<JsonNode> overview() {
        return get("/overview");
    }

    Optional<JsonNode> get(String path) {
        return json(
                HttpRequest.newBuilder(URI.create(ports.flinkRestUrl() + path))
                        .timeout(Duration.ofSeconds(3))
                        .GET()
                        .build());
    }

    /** A POST of a JSON body; the answer's JSON, or empty on no answer or an error status. */
    Optional<JsonNode> post(String path, String json) {
        return json(
                HttpRequest.newBuilder(URI.create(ports.flinkRestUrl() + path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    private Optional<JsonNode> json(HttpRequest request) {
        try {
            HttpResponse<byte[]> response =
                    http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * A PATCH without body (e.g. cancelling a job); returns the HTTP status, or -1 on no answer.
     */
    int patch(String path) {
        try {
            return http.send(
                            HttpRequest.newBuilder(URI.create(ports.flinkRestUrl() + path))
                                    .timeout(Duration.ofSeconds(10))
                                    .method("PATCH", HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The registered TaskManagers: resource id to the address it registered from (its RPC path),
     * which changes when a TaskManager of the same name is started again.
     */
    Map<String, String> registrations() {
        Map<String, String> registered = new LinkedHashMap<>();
        get("/taskmanagers")
                .ifPresent(
                        list -> {
                            for (JsonNode tm : list.path("taskmanagers")) {
                                registered.put(tm.path("id").asText(), tm.path("path").asText());
                            }
                        });
        return registered;
    }

    static int taskManagers(JsonNode overview) {
        return overview.path("taskmanagers").asInt(0);
    }

    /** {@code count} TaskManagers are registered and have reported their slots. */
    static boolean ready(JsonNode overview, int count) {
        return taskManagers(overview) >= count && slots(overview) >= count;
    }

    static int slots(JsonNode overview) {
        return overview.path("slots-total").asInt(0);
    }
}
