package io.fraudstream.txgen;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleEvaluator;
import io.fraudstream.model.rules.RuleFiles;
import io.fraudstream.model.rules.RuleWindow;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.cli.Converters;
import io.fraudstream.txgen.score.AlertLog;
import io.fraudstream.txgen.score.InputReader;
import io.fraudstream.txgen.score.JsonLinesInput;
import io.fraudstream.txgen.score.LabelIndex;
import io.fraudstream.txgen.score.LatencyClock;
import io.fraudstream.txgen.score.ScoreException;
import io.fraudstream.txgen.score.ScoreReport;
import io.fraudstream.txgen.score.ScoreSettings;
import io.fraudstream.txgen.score.ScoredAlert;
import io.fraudstream.txgen.score.Scorer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code txgen rules test}: what rules would have caught on a labelled history. */
@Command(
        name = "rules",
        description = "Analyst rules (docs/RULES.md).",
        mixinStandardHelpOptions = true,
        subcommands = {RulesCommand.Test.class})
final class RulesCommand implements Runnable {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                spec.commandLine(), "Missing a subcommand: test");
    }

    @Command(
            name = "test",
            description =
                    "Backtest rules over a labelled history (a replay or generator file): each"
                            + " transaction in file order through every rule, with the rule"
                            + " evaluation code of the job; per rule its hits, precision, recall,"
                            + " card recall per scenario and hits per day.",
            mixinStandardHelpOptions = true)
    static final class Test implements Callable<Integer> {

        @Parameters(
                paramLabel = "RULE",
                arity = "1..*",
                description = "Rule files (JSON), or directories of *.json rule files.")
        List<Path> rules;

        @Option(
                names = "--transactions",
                required = true,
                paramLabel = "FILE",
                description = "Transactions, JSON lines (txgen generate/replay --out).")
        Path transactions;

        @Option(
                names = "--labels",
                required = true,
                paramLabel = "FILE",
                description = "Ground-truth labels, JSON lines (txgen --labels).")
        Path labels;

        @Option(
                names = "--card-grace",
                paramLabel = "DURATION",
                defaultValue = "1d",
                converter = Converters.Span.class,
                description =
                        "A card counts as detected by a hit until its last fraud plus this"
                                + " (default: ${DEFAULT-VALUE}).")
        Duration cardGrace;

        @Spec picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Map<String, Rule> parsed = readRules();
            Map<String, RuleRun> runs = new LinkedHashMap<>();
            parsed.values().forEach(r -> runs.put(r.id(), new RuleRun(r)));
            long[] seen = new long[1];
            Instant[] span = new Instant[2];
            try {
                new JsonLinesInput(transactions)
                        .forEach(
                                record -> {
                                    Transaction tx =
                                            TransactionCodec.INSTANCE.decode(record.value());
                                    seen[0]++;
                                    Instant t = tx.timestamp();
                                    if (span[0] == null || t.isBefore(span[0])) {
                                        span[0] = t;
                                    }
                                    if (span[1] == null || t.isAfter(span[1])) {
                                        span[1] = t;
                                    }
                                    for (RuleRun run : runs.values()) {
                                        run.offer(tx);
                                    }
                                });
                Set<String> alerted = new HashSet<>();
                runs.values().forEach(r -> alerted.addAll(r.alerts.transactionIds()));
                LabelIndex index =
                        new InputReader(false, err).readLabels(new JsonLinesInput(labels), alerted);
                ScoreSettings settings =
                        new ScoreSettings(
                                ScoreSettings.DEFAULT_K,
                                null,
                                null,
                                cardGrace,
                                LatencyClock.DETECTED_AT);
                double days =
                        span[0] == null
                                ? 0
                                : Math.max(
                                        1,
                                        Duration.between(span[0], span[1]).toMillis()
                                                / 86_400_000.0);
                out.printf(
                        Locale.ROOT,
                        "rules test: %d rule%s over %,d transactions of %s (%s .. %s, %.1f"
                                + " days); %,d fraud labels of %s%n%n",
                        runs.size(),
                        runs.size() == 1 ? "" : "s",
                        seen[0],
                        transactions.getFileName(),
                        span[0],
                        span[1],
                        days,
                        index.kept().stream().filter(l -> l.fraud()).count(),
                        labels.getFileName());
                out.printf(
                        Locale.ROOT,
                        "%-24s %-6s %9s %9s %9s %10s %9s %12s%n",
                        "rule",
                        "mode",
                        "hits",
                        "hits/day",
                        "on fraud",
                        "precision",
                        "recall",
                        "card recall");
                List<String> scenarioLines = new ArrayList<>();
                for (RuleRun run : runs.values()) {
                    ScoreReport report = Scorer.score(run.alerts, index, settings);
                    var confusion = report.transactions().confusion();
                    out.printf(
                            Locale.ROOT,
                            "%-24s %-6s %,9d %9.1f %,9d %10s %9s %12s%n",
                            run.rule.id() + " v" + run.rule.version(),
                            run.rule.mode(),
                            run.hits,
                            days == 0 ? 0 : run.hits / days,
                            confusion.tp(),
                            ratio(confusion.precision()),
                            ratio(confusion.recall()),
                            ratio(report.cards().recall()));
                    for (ScoreReport.ScenarioScore sc : report.scenarios()) {
                        scenarioLines.add(
                                String.format(
                                        Locale.ROOT,
                                        "%-24s %-28s %,9d %9d %9s",
                                        run.rule.id(),
                                        sc.scenario(),
                                        sc.cards().compromised(),
                                        sc.cards().detected(),
                                        ratio(sc.cards().recall())));
                    }
                }
                out.println();
                out.println(
                        "CARD RECALL PER SCENARIO (a card is detected by a hit in [its first fraud,"
                                + " its last fraud + "
                                + io.fraudstream.events.Durations.text(cardGrace)
                                + "])");
                out.printf(
                        Locale.ROOT,
                        "%-24s %-28s %9s %9s %9s%n",
                        "rule",
                        "scenario",
                        "cards",
                        "detected",
                        "recall");
                scenarioLines.forEach(out::println);
                out.flush();
                return 0;
            } catch (ScoreException | io.fraudstream.events.InvalidEventException e) {
                err.println("txgen rules test: " + e.getMessage());
                err.flush();
                return 1;
            }
        }

        private Map<String, Rule> readRules() {
            List<String> problems = new ArrayList<>();
            Map<String, Rule> rules = new LinkedHashMap<>();
            for (RuleFiles.Loaded l : RuleFiles.read(this.rules, problems)) {
                rules.put(l.rule().id(), l.rule());
            }
            if (!problems.isEmpty()) {
                throw new CommandFailure(String.join("\n", problems));
            }
            return rules;
        }

        private static String ratio(Double r) {
            return r == null ? "-" : String.format(Locale.ROOT, "%.4f", r);
        }
    }

    /** One rule's windows and hits over the history, with its cooldown per group. */
    static final class RuleRun {
        final Rule rule;
        final Map<String, RuleWindow> windows = new HashMap<>();
        final AlertLog alerts;
        long hits;

        RuleRun(Rule rule) {
            this.rule = rule;
            this.alerts = new AlertLog("rule " + rule.id());
        }

        void offer(Transaction tx) {
            String key = rule.key(tx);
            if (key == null) {
                return;
            }
            long time = tx.timestamp().toEpochMilli();
            RuleWindow window = windows.get(key);
            if (window == null) {
                if (!rule.enabled() || !rule.matches(tx)) {
                    return; // no window for a group the rule never counts
                }
                window = RuleEvaluator.newWindow(rule);
                windows.put(key, window);
            }
            double aggregate = RuleEvaluator.apply(rule, window, tx, time);
            if (!RuleEvaluator.hit(rule, window, time, aggregate)) {
                return;
            }
            hits++;
            String id =
                    UUID.nameUUIDFromBytes(
                                    ("rule:"
                                                    + rule.id()
                                                    + ":"
                                                    + rule.version()
                                                    + "\n"
                                                    + tx.transactionId())
                                            .getBytes(StandardCharsets.UTF_8))
                            .toString();
            alerts.add(
                    new ScoredAlert(
                            id,
                            tx.accountId(),
                            tx.transactionId(),
                            tx.timestamp(),
                            tx.timestamp(),
                            rule.score(),
                            null),
                    null);
        }
    }
}
