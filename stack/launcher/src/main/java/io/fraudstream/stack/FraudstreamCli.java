package io.fraudstream.stack;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/fraudstream}: the local stack, job submission and the demo. */
@Command(
        name = "fraudstream",
        mixinStandardHelpOptions = true,
        version = "fraudstream 0.1.0",
        description = "Real-time card-fraud detection on Apache Flink and Apache Kafka.",
        subcommands = {
            FraudstreamCli.Stack.class,
            SubmitCommand.class,
            RunLocalCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            RulesCommand.class,
            ChaosCommand.class
        })
public final class FraudstreamCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FraudstreamCli());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof StackException failure) {
                        commandLine.getErr().println("fraudstream: " + e.getMessage());
                        return failure.exitCode();
                    }
                    throw e;
                });
        return cli;
    }

    /** {@code fraudstream stack up | down | status}. */
    @Command(
            name = "stack",
            mixinStandardHelpOptions = true,
            description = "The local Kafka broker and Flink session cluster.",
            subcommands = {Stack.Up.class, Stack.Down.class, Stack.Status.class})
    static final class Stack implements Runnable {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Missing a command: up, down or status.");
        }

        @Command(
                name = "up",
                mixinStandardHelpOptions = true,
                description = {
                    "Start the Kafka broker (KRaft) and the Flink cluster (1 JobManager, 1 or"
                            + " more TaskManagers with 2 slots each), create the topics, and wait"
                            + " until all answer. Reuses what already runs and starts again what"
                            + " died, so after a crash the same command brings the stack back.",
                    "--taskmanagers and --ha are remembered in var/run/topology.properties until"
                            + " given again."
                })
        static final class Up implements Callable<Integer> {
            @Mixin StackOptions stack;

            @Option(
                    names = "--timeout",
                    paramLabel = "SECONDS",
                    defaultValue = "180",
                    description =
                            "Give up if not ready after this long (default: ${DEFAULT-VALUE}).")
            int timeoutSeconds;

            @Option(
                    names = "--taskmanagers",
                    paramLabel = "N",
                    description =
                            "TaskManagers to run, each its own JVM with 2 slots (default: 1, or"
                                    + " what the last `up` used).")
            Integer taskManagers;

            @Option(
                    names = "--ha",
                    negatable = true,
                    description =
                            "Flink high availability: a ZooKeeper server (its own JVM, data in"
                                    + " var/zookeeper) keeps the JobManager's leadership and job"
                                    + " graphs, with its files in var/flink/ha, so a JobManager"
                                    + " started again (by `up`) resumes the running jobs from"
                                    + " their latest checkpoints. --no-ha turns it off (after"
                                    + " `down`).")
            Boolean ha;

            @Override
            public Integer call() {
                StackLayout layout = stack.layout();
                StackTopology recorded = StackTopology.load(layout);
                StackTopology topology;
                try {
                    topology =
                            new StackTopology(
                                    taskManagers != null ? taskManagers : recorded.taskManagers(),
                                    ha != null ? ha : recorded.ha());
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
                new LocalStack(layout, stack.ports(layout), System.out)
                        .up(topology, Duration.ofSeconds(timeoutSeconds));
                return 0;
            }

            @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        }

        @Command(
                name = "down",
                mixinStandardHelpOptions = true,
                description =
                        "Stop the processes `up` started (from their pid files): gracefully, then"
                                + " forcibly.")
        static final class Down implements Callable<Integer> {
            @Mixin StackOptions stack;

            @Override
            public Integer call() {
                StackLayout layout = stack.layout();
                new LocalStack(layout, stack.ports(layout), System.out).down();
                return 0;
            }
        }

        @Command(
                name = "status",
                mixinStandardHelpOptions = true,
                description =
                        "Show each component healthy or not. Exit code 0 when all are healthy, 1"
                                + " otherwise.")
        static final class Status implements Callable<Integer> {
            @Mixin StackOptions stack;

            @Override
            public Integer call() {
                StackLayout layout = stack.layout();
                return new LocalStack(layout, stack.ports(layout), System.out).printStatus()
                        ? 0
                        : 1;
            }
        }
    }
}
