package io.fraudstream.sink.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the tests: one cluster per test JVM under {@code
 * target/postgres-<id>}, listening on a free port of 127.0.0.1 with trust authentication, stopped
 * when the JVM exits. Built from the machine's PostgreSQL binaries (Debian's {@code postgresql}
 * package; {@code .ci/run} installs it): {@code initdb} and {@code pg_ctl} on the {@code PATH},
 * else the newest {@code /usr/lib/postgresql/<version>/bin}. PostgreSQL refuses to run as root, so
 * under root the cluster belongs to the {@code postgres} user and its commands run through {@code
 * runuser}.
 */
public final class PostgresServer {

    private static final String USER = "fraudstream";
    private static PostgresServer shared;

    private final Path data;
    private final int port;
    private final List<String> runAs;
    private final Path bin;
    private final AtomicInteger databases = new AtomicInteger();
    private final boolean temporary;

    private PostgresServer(Path data, int port, List<String> runAs, Path bin, boolean temporary) {
        this.data = data;
        this.port = port;
        this.runAs = runAs;
        this.bin = bin;
        this.temporary = temporary;
    }

    /** Whether the user the server runs as can write in {@code dir}. */
    private static boolean reachable(List<String> runAs, Path dir) {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of("test", "-w", dir.toString()));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The server of this JVM, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = start(Path.of("target").toAbsolutePath());
            PostgresServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
        }
        return shared;
    }

    /** A JDBC URL of a new, empty database on the shared server. */
    public static String newDatabaseUrl() {
        return shared().createDatabase();
    }

    private static PostgresServer start(Path parent) {
        Path bin =
                binaries()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "PostgreSQL is missing: these tests need Debian's postgresql"
                                                        + " (initdb and pg_ctl on the PATH or under"
                                                        + " /usr/lib/postgresql/<version>/bin); install it with"
                                                        + " `apt-get install -y postgresql` (.ci/run does)"));
        try {
            String name = "postgres-" + UUID.randomUUID().toString().substring(0, 8);
            Path dir = parent.resolve(name);
            Files.createDirectories(dir);
            List<String> runAs = List.of();
            boolean temporary = false;
            if ("root".equals(System.getProperty("user.name"))) {
                runAs = List.of("runuser", "-u", "postgres", "--");
                UserPrincipal postgres =
                        dir.getFileSystem()
                                .getUserPrincipalLookupService()
                                .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                if (!reachable(runAs, dir)) {
                    // a checkout inside a private directory (mktemp -d is 0700): the postgres user
                    // cannot reach target/, so the cluster lives in the shared temporary directory
                    Files.delete(dir);
                    dir = Files.createTempDirectory("fraudstream-" + name);
                    Files.setOwner(dir, postgres);
                    temporary = true;
                }
            }
            Path data = dir.resolve("data");
            int port = freePort();
            PostgresServer server = new PostgresServer(data, port, runAs, bin, temporary);
            server.run(
                    dir.resolve("initdb.log"),
                    "initdb",
                    "-D",
                    data.toString(),
                    "-U",
                    USER,
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--no-sync");
            server.run(
                    dir.resolve("pg_ctl.log"),
                    "pg_ctl",
                    "-D",
                    data.toString(),
                    "-l",
                    dir.resolve("postgres.log").toString(),
                    "-o",
                    "-p "
                            + port
                            + " -c listen_addresses=127.0.0.1 -k "
                            + dir
                            + " -c fsync=off -c max_connections=60",
                    "-w",
                    "-t",
                    "60",
                    "start");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PostgreSQL server for the tests", e);
        }
    }

    private static Optional<Path> binaries() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path initdb = Path.of(entry, "initdb");
            if (Files.isExecutable(initdb) && Files.isExecutable(Path.of(entry, "pg_ctl"))) {
                return Optional.of(Path.of(entry));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(
                            Comparator.comparingInt(
                                    b ->
                                            Integer.parseInt(
                                                    b.getParent()
                                                            .getFileName()
                                                            .toString()
                                                            .replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void run(Path log, String program, String... args) {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(Arrays.asList(args));
        try {
            Process process =
                    new ProcessBuilder(command)
                            // initdb returns to its working directory: one its user can enter
                            .directory(data.getParent().toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in 90 s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        program
                                + " failed with exit code "
                                + process.exitValue()
                                + ": "
                                + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + program, e);
        }
    }

    /** Creates a new database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    private void stop() {
        try {
            run(
                    data.getParent().resolve("pg_ctl-stop.log"),
                    "pg_ctl",
                    "-D",
                    data.toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop");
        } catch (RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
        }
        if (temporary) {
            try (Stream<Path> files = Files.walk(data.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + data.getParent() + ": " + e);
            }
        }
    }
}
