package io.fraudstream.txgen;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.cli.FileDefaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/txgen}: synthetic load with labelled fraud, dataset replay, and scoring. */
@Command(
        name = "txgen",
        mixinStandardHelpOptions = true,
        version = "txgen (fraudstream 0.1.0)",
        description = "Card transactions for fraudstream: generate, replay, score, train.",
        subcommands = {
            GenerateCommand.class,
            ReplayCommand.class,
            ScoreCommand.class,
            TrainCommand.class,
            BenchModelCommand.class,
            RulesCommand.class
        })
public final class TxgenCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Read by {@link #execute} before picocli parses: the defaults must be known by then. */
    @CommandLine.Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "Option defaults from a YAML file, a section per command with its long"
                            + " option names as kebab-case keys (generate: {rate: 5000, duration:"
                            + " 10 min}); options on the command line win.")
    Path config;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing a command: generate, replay, score or train.");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs a command line; a {@code --config FILE} anywhere in it supplies option defaults ({@link
     * FileDefaults}), checked before the command runs: a bad file is one line naming the key, exit
     * status 2.
     */
    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** As {@link #execute(String...)}, on a command line whose output a test captures. */
    public static int execute(CommandLine cl, String... args) {
        List<String> rest = new ArrayList<>();
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                file = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                file = Path.of(args[i].substring("--config=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        if (file != null) {
            try {
                cl.setDefaultValueProvider(FileDefaults.read(file, cl));
            } catch (ConfigException e) {
                cl.getErr().println("txgen: --config " + file + ": " + e.getMessage());
                cl.getErr().flush();
                return 2;
            }
        }
        return cl.execute(rest.toArray(String[]::new));
    }

    /**
     * The command line with its error handling; tests drive it directly. A {@link CommandFailure} a
     * command does not handle itself is its one-line error: {@code txgen <command>: <message>},
     * exit status 1, no stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TxgenCli());
        cl.setExecutionExceptionHandler(
                (e, command, parsed) -> {
                    if (!(e instanceof CommandFailure)) {
                        throw e;
                    }
                    command.getErr().println(command.getCommandName() + ": " + e.getMessage());
                    command.getErr().flush();
                    return 1;
                });
        return cl;
    }
}
