package io.fraudstream.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JVM of the local stack, started in its own session so it outlives the launcher and a Ctrl-C
 * in the terminal, and tracked by a pid file. The process is only ever recognised (and stopped)
 * when its command line carries this component's marker and this state directory, so a stale pid
 * file never leads to stopping somebody else's process.
 */
record ManagedProcess(String component, StackLayout layout) {

    /** The JVM options that mark a process as this component of this stack. */
    List<String> markers() {
        return List.of("-Dfraudstream.component=" + component, "-Dfraudstream.var=" + layout.var());
    }

    Path pidFile() {
        return layout.runDir().resolve(component + ".pid");
    }

    /** Standard output and error of the process: start-up failures land here. */
    Path outFile() {
        return layout.log(component + ".out");
    }

    /** The running process this component started, if any. */
    Optional<ProcessHandle> running() {
        Path pidFile = pidFile();
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isOurs);
    }

    private boolean isOurs(ProcessHandle handle) {
        return handle.info().commandLine().map(this::carriesMarkers).orElse(false);
    }

    boolean carriesMarkers(String commandLine) {
        for (String marker : markers()) {
            if (!commandLine.contains(marker)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Starts {@code java <jvmArgs> <markers> -cp classpath mainClass <args>} in the background,
     * appending its output to {@link #outFile()}, and records its pid.
     */
    ProcessHandle start(
            String java,
            List<String> jvmArgs,
            String classpath,
            String mainClass,
            List<String> args,
            Path workDir) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            // Its own session: a Ctrl-C in the terminal that ran `up` must not stop the stack.
            command.add("/usr/bin/setsid");
        }
        command.add(java);
        command.addAll(jvmArgs);
        command.addAll(markers());
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(layout.logDir());
            Process process =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(outFile().toFile()))
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                            .start();
            Files.writeString(pidFile(), Long.toString(process.pid()) + "\n");
            return process.toHandle();
        } catch (IOException e) {
            throw new StackException(component, "cannot start " + java + ": " + e.getMessage());
        }
    }

    /**
     * Stops the process if this stack started it: SIGTERM, then SIGKILL after {@code grace}.
     *
     * @return whether a process was stopped
     */
    boolean stop(Duration grace) {
        Optional<ProcessHandle> running = running();
        if (running.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle handle = running.get();
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e2) {
                throw new StackException(
                        component, "process " + handle.pid() + " did not stop, even when killed");
            } catch (InterruptedException e2) {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deletePidFile();
        return true;
    }

    void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last lines of the process output, for error messages. */
    String tail(int lines) {
        return tail(outFile(), lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(),
                    all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
