package io.fraudstream.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fraudstream module's main class in a child JVM of the launcher (the demo's generator and
 * alert-sink, the bench's generator), its output appended to a log under {@code var/log}.
 */
record ModuleJvm(String module, String mainClass, List<String> jvmOptions) {

    static final ModuleJvm TXGEN =
            new ModuleJvm("transaction-generator", "io.fraudstream.txgen.TxgenCli", List.of());
    static final ModuleJvm ALERT_SINK =
            new ModuleJvm("alert-sink", "io.fraudstream.sink.AlertSinkMain", List.of());

    /**
     * txgen's arguments for a replay preloaded as fast as the broker takes it: {@code count}
     * transactions of {@code accounts} cards, 0.5 % fraud, each fraud's verdict a simulated day
     * later on {@code verdictsTopic}; the same seed gives the same stream.
     */
    static List<String> replayArgs(
            String bootstrap,
            String topic,
            long count,
            int accounts,
            long seed,
            String verdictsTopic,
            String progress) {
        return List.of(
                "generate",
                "--bootstrap-servers",
                bootstrap,
                "--topic",
                topic,
                "--count",
                Long.toString(count),
                "--accounts",
                Integer.toString(accounts),
                "--rate",
                "max",
                "--fraud-rate",
                "0.005",
                "--seed",
                Long.toString(seed),
                "--verdicts-delay",
                "1d",
                "--verdicts-topic",
                verdictsTopic,
                "--progress",
                progress);
    }

    ModuleJvm withJvmOptions(String... options) {
        return new ModuleJvm(module, mainClass, List.of(options));
    }

    /**
     * Starts it with {@code args} and {@code env} added to the launcher's environment; fails with a
     * {@link StackException} of {@code component} when the JVM cannot be started.
     */
    /** Runs it with {@code args} in the foreground, on this terminal; returns its exit code. */
    int run(StackLayout layout, String component, List<String> args) {
        try {
            Process process = builder(layout, args).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new StackException(component, "cannot start " + module + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(component, "interrupted");
        }
    }

    Process start(
            StackLayout layout,
            String component,
            List<String> args,
            String logName,
            Map<String, String> env) {
        ProcessBuilder builder =
                builder(layout, args)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                ProcessBuilder.Redirect.appendTo(layout.log(logName).toFile()));
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new StackException(component, "cannot start " + module + ": " + e.getMessage());
        }
    }

    private ProcessBuilder builder(StackLayout layout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(LocalStack.currentJava());
        command.addAll(jvmOptions);
        command.add("-Dfraudstream.home=" + layout.home());
        command.add("-cp");
        command.add(layout.moduleClasspath(module));
        command.add(mainClass);
        command.addAll(args);
        return new ProcessBuilder(command);
    }
}
