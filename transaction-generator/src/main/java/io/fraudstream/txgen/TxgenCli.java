package io.fraudstream.txgen;

import io.fraudstream.txgen.cli.CommandFailure;
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

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing a command: generate, replay, score or train.");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
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
