package io.fraudstream.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack lives on disk: the checkout ({@code home}: {@code conf/}, the build output)
 * and the state directory ({@code var/}: data, logs, pid files).
 */
public record StackLayout(Path home, Path var) {

    public StackLayout {
        home = home.toAbsolutePath().normalize();
        var = var.toAbsolutePath().normalize();
    }

    /** The layout of a checkout with its state under {@code home/var}. */
    public static StackLayout of(Path home) {
        return new StackLayout(home, home.resolve("var"));
    }

    public Path conf() {
        return home.resolve("conf");
    }

    public Path logDir() {
        return var.resolve("log");
    }

    public Path runDir() {
        return var.resolve("run");
    }

    public Path kafkaDir() {
        return var.resolve("kafka");
    }

    public Path flinkDir() {
        return var.resolve("flink");
    }

    public Path flinkConfDir() {
        return flinkDir().resolve("conf");
    }

    public Path log(String name) {
        return logDir().resolve(name);
    }

    /** A path for messages: relative to the working directory when it is below it. */
    public String show(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        return path.startsWith(cwd) ? cwd.relativize(path).toString() : path.toString();
    }

    /**
     * The runtime classpath a stack module wrote at build time ({@code
     * stack/<module>/target/classpath.txt}): jars in the local Maven repository, so starting a
     * process needs no network.
     */
    public String classpath(String module) {
        Path file = home.resolve("stack").resolve(module).resolve("target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new StackException(
                    module,
                    "its classpath "
                            + show(file)
                            + " is missing: build first (bin/fraudstream builds on first use,"
                            + " or run mvn -B -DskipTests package)");
        }
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The runtime classpath of a program module: its jar in {@code <module>/target} and the jars
     * its build recorded in {@code target/classpath.txt}.
     */
    public String moduleClasspath(String module) {
        Path target = home.resolve(module).resolve("target");
        Path listed = target.resolve("classpath.txt");
        try (var jars = Files.list(target)) {
            Path jar =
                    jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                            .filter(p -> !p.getFileName().toString().startsWith("original-"))
                            .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                            .findFirst()
                            .orElseThrow(() -> new IOException("no jar"));
            return jar + File.pathSeparator + Files.readString(listed).strip();
        } catch (IOException e) {
            throw new StackException(
                    module,
                    "not built ("
                            + show(target)
                            + " has no jar or classpath.txt): bin/fraudstream builds on first use,"
                            + " or run mvn -B -DskipTests package");
        }
    }

    void createDirectories() {
        try {
            Files.createDirectories(logDir());
            Files.createDirectories(runDir());
            Files.createDirectories(kafkaDir());
            Files.createDirectories(flinkConfDir());
        } catch (IOException e) {
            throw new StackException("stack", "cannot create " + var + ": " + e.getMessage());
        }
    }
}
