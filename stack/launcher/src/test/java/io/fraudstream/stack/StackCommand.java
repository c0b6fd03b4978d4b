package io.fraudstream.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code fraudstream} the way {@code bin/fraudstream} does: a separate JVM on the launcher's
 * built classpath, so the processes it starts outlive it just as they do for a user.
 */
final class StackCommand {

    record Result(int exitCode, String stdout, String stderr) {}

    private final Path home;
    private final Path var;

    StackCommand(Path home, Path var) {
        this.home = home;
        this.var = var;
    }

    static Path home() {
        return Path.of(System.getProperty("fraudstream.home", "../.."))
                .toAbsolutePath()
                .normalize();
    }

    Result run(List<String> args) {
        Path target = home.resolve("stack/launcher/target");
        String classpath;
        try {
            classpath =
                    target.resolve("classes")
                            + File.pathSeparator
                            + Files.readString(target.resolve("classpath.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(LocalStack.currentJava());
        command.add("-Xmx256m");
        command.add("-Dfraudstream.home=" + home);
        command.add("-cp");
        command.add(classpath);
        command.add(FraudstreamCli.class.getName());
        command.addAll(args);
        command.add("--var");
        command.add(var.toString());
        try {
            Path stdout = Files.createTempFile("fraudstream-out", ".txt");
            Path stderr = Files.createTempFile("fraudstream-err", ".txt");
            Process process =
                    new ProcessBuilder(command)
                            .redirectOutput(stdout.toFile())
                            .redirectError(stderr.toFile())
                            .start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("fraudstream " + args + " did not finish in 5 minutes");
            }
            Result result =
                    new Result(
                            process.exitValue(),
                            Files.readString(stdout, StandardCharsets.UTF_8),
                            Files.readString(stderr, StandardCharsets.UTF_8));
            Files.delete(stdout);
            Files.delete(stderr);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Free loopback ports for a whole stack, and the options that select them. */
    record Ports(
            int kafka, int controller, int flinkRest, int flinkRpc, int zookeeper, int prometheus) {

        static Ports free() {
            int[] ports = new int[5];
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < ports.length; i++) {
                    ServerSocket socket = new ServerSocket(0);
                    held.add(socket);
                    ports[i] = socket.getLocalPort();
                }
                int prometheus = freeBlock(StackTopology.MAX_TASKMANAGERS + 1, held);
                for (ServerSocket socket : held) {
                    socket.close();
                }
                return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], prometheus);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * The first of {@code size} consecutive free ports (the Prometheus block: the JobManager,
         * then one per TaskManager), held open in {@code held} until the caller closes them.
         */
        private static int freeBlock(int size, List<ServerSocket> held) throws IOException {
            for (int attempt = 0; attempt < 100; attempt++) {
                ServerSocket first = new ServerSocket(0);
                List<ServerSocket> block = new ArrayList<>(List.of(first));
                int base = first.getLocalPort();
                try {
                    for (int i = 1; i < size; i++) {
                        block.add(new ServerSocket(base + i));
                    }
                    held.addAll(block);
                    return base;
                } catch (IOException taken) {
                    for (ServerSocket socket : block) {
                        socket.close();
                    }
                }
            }
            throw new IOException("no " + size + " consecutive free ports found");
        }

        List<String> options() {
            return List.of(
                    "--kafka-port", Integer.toString(kafka),
                    "--controller-port", Integer.toString(controller),
                    "--flink-rest-port", Integer.toString(flinkRest),
                    "--flink-rpc-port", Integer.toString(flinkRpc),
                    "--zookeeper-port", Integer.toString(zookeeper),
                    "--prometheus-port", Integer.toString(prometheus));
        }

        /** The Prometheus endpoint of the JobManager (0) or of TaskManager {@code index}. */
        String prometheusUrl(int index) {
            return "http://127.0.0.1:" + (prometheus + index) + "/metrics";
        }

        String bootstrapServers() {
            return "127.0.0.1:" + kafka;
        }

        String restUrl() {
            return "http://127.0.0.1:" + flinkRest;
        }
    }

    /** Every process on this machine that carries this state directory's marker. */
    List<ProcessHandle> processes() {
        String marker = "-Dfraudstream.var=" + var.toAbsolutePath().normalize();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }
}
