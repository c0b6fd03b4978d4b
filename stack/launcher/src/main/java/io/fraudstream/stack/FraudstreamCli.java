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
            RulesCommand.class
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
                    "Start the Kafka broker (KRaft) and the Flink cluster (1 JobManager, 1"
                            + " TaskManager with 2 slots), create the topics, and wait until"
                            + " both answer. Reuses what already runs."
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

            @Override
            public Integer call() {
                StackLayout layout = stack.layout();
                new LocalStack(layout, stack.ports(layout), System.out)
                        .up(Duration.ofSeconds(timeoutSeconds));
                return 0;
            }
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
