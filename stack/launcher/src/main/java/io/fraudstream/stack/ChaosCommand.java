package io.fraudstream.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fraudstream chaos}: the failure scenarios against the real local stack. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Break the local stack on purpose while the job replays a million transactions, and"
                    + " count at every stage (alerts on the topic, in the alert-sink's store,"
                    + " scores, webhook deliveries, customer messages) what was expected from a"
                    + " clean run, observed, lost, duplicated and unexpected.",
            "Runs the stack with two TaskManagers and ZooKeeper high availability (stack up"
                    + " --taskmanagers 2 --ha). Ends with one line per scenario, PASS or FAIL;"
                    + " exit code 0 when all pass. Method and numbers: docs/RELIABILITY.md."
        })
final class ChaosCommand implements Callable<Integer> {

    @Mixin StackOptions stack;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--list", description = "Name and describe the scenarios, run nothing.")
    boolean list;

    @Option(
            names = "--transactions",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Transactions in the replay (default: ${DEFAULT-VALUE}).")
    long transactions;

    @Option(
            names = "--accounts",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Cards in the replay (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Parameters(
            paramLabel = "SCENARIO",
            arity = "0..*",
            description = "Scenarios to run, in this order (default: all; see --list).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        if (list) {
            for (ChaosScenario s : ChaosScenario.values()) {
                System.out.printf(
                        Locale.ROOT,
                        "%-20s (at most %d min) %s%n",
                        s.id(),
                        s.bound().toMinutes(),
                        s.description());
            }
            return 0;
        }
        if (transactions < 1000 || accounts < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--transactions must be at least 1000, --accounts at least 1");
        }
        List<ChaosScenario> scenarios = new ArrayList<>();
        for (String name : names) {
            scenarios.add(
                    ChaosScenario.byId(name)
                            .orElseThrow(
                                    () ->
                                            new CommandLine.ParameterException(
                                                    spec.commandLine(),
                                                    "unknown scenario: "
                                                            + name
                                                            + " (bin/fraudstream chaos --list)")));
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(List.of(ChaosScenario.values()));
        }
        StackLayout layout = stack.layout();
        long begin = System.nanoTime();
        List<ChaosSuite.Outcome> outcomes =
                new ChaosSuite(layout, stack.ports(layout), System.out, transactions, accounts)
                        .run(scenarios);
        System.out.printf(
                Locale.ROOT,
                "%nSUMMARY (%,d transactions of %,d cards, %.1f min in all)%n",
                transactions,
                accounts,
                (System.nanoTime() - begin) / 60e9);
        outcomes.forEach(o -> System.out.println(ChaosSuite.summaryLine(o)));
        return outcomes.stream().allMatch(ChaosSuite.Outcome::pass) ? 0 : 1;
    }
}
