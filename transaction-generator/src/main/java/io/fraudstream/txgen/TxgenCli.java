package io.fraudstream.txgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/txgen}: synthetic load with labelled fraud, dataset replay, and scoring. */
@Command(
        name = "txgen",
        mixinStandardHelpOptions = true,
        version = "txgen (fraudstream 0.1.0)",
        description = "Card transactions for fraudstream: generate, replay, score.",
        subcommands = {GenerateCommand.class, ReplayCommand.class, ScoreCommand.class})
public final class TxgenCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing a command: generate, replay or score.");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling; tests drive it directly. */
    public static CommandLine commandLine() {
        return new CommandLine(new TxgenCli());
    }
}
