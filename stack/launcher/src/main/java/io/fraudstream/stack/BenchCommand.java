package io.fraudstream.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fraudstream bench}: the fraud job side by side with a Flink SQL peer, Flink SQL's
 * pass-through and ours, on one preloaded topic in one run, repeated; or (with {@code --latency})
 * the time from a transaction's Kafka append to its alert's, and where it goes. Method and numbers:
 * docs/BENCHMARKS.md. The parts: {@link BenchTopics} (preload, rules), {@link BenchPeer} (the
 * jobs), {@link BenchThroughput} (one drain), {@link BenchReport} (the table), {@link
 * BenchLatency}.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput (default): preload transactions and their chargebacks (1 d later) with"
                    + " txgen; then, --repeat times, one after the other on that topic from the"
                    + " earliest offset at one parallelism: the fraud job as shipped (model,"
                    + " verdicts, entity risk, a score per transaction), a Flink SQL peer (per"
                    + " account COUNT over 10 min and SUM over 1 h OVER windows), a Flink SQL"
                    + " pass-through and our pass-through; print each run, the medians and the"
                    + " ratios, and state per account and per terminal or merchant.",
            "With --cost, also (once each) the fraud job without its scores topic, the"
                    + " detectors alone and the fraud job with --rules rules: what each part"
                    + " costs per transaction.",
            "Latency (--latency): txgen at a fixed rate with fraud scenarios while the job runs;"
                    + " percentiles of Kafka append of each triggering transaction to the append"
                    + " of its alert, with the breakdown."
        })
final class BenchCommand implements Runnable {

    @Mixin StackOptions stack;

    @Spec CommandSpec spec;

    @Option(names = "--latency", description = "Measure latency instead of throughput.")
    boolean latency;

    @Option(
            names = "--repeat",
            defaultValue = "3",
            description =
                    "Throughput: rounds of the four side-by-side jobs (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(
            names = "--jobs",
            split = ",",
            defaultValue = "fraud,sql-peer,sql-pass-through,pass-through",
            description =
                    "Throughput: the side-by-side jobs to run, in order (default: ${DEFAULT-VALUE};"
                            + " fewer for profiling one of them).")
    List<String> sideBySide;

    @Option(
            names = "--cost",
            description =
                    "Throughput: also run the fraud job's variants once each (no scores topic,"
                            + " detectors alone, --rules rules).")
    boolean cost;

    @Option(
            names = "--rules",
            split = ",",
            defaultValue = "10,50",
            description =
                    "With --cost: the numbers of active rules of mixed scopes to run the fraud job"
                            + " with (default: ${DEFAULT-VALUE}).")
    List<Integer> ruleCounts;

    @Option(
            names = "--transactions",
            defaultValue = "1000000",
            description = "Throughput: transactions to preload (default: ${DEFAULT-VALUE}).")
    long transactions;

    @Option(
            names = "--accounts",
            defaultValue = "100000",
            description =
                    "Cards in the generated population (default: ${DEFAULT-VALUE}; with as many"
                            + " terminals, 100,000 cards is about what the default job's heap"
                            + " state holds on the stack's 1.5 GiB TaskManager).")
    int accounts;

    @Option(
            names = "--parallelism",
            defaultValue = "2",
            description = "Parallelism of every job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description =
                    "A fraud-job option for every fraud job the bench runs, e.g."
                            + " --job-option job.buffer-timeout=1ms (repeatable).")
    Map<String, String> jobOptions = new java.util.LinkedHashMap<>();

    @Option(
            names = "--reuse",
            description =
                    "Throughput: keep the preloaded topic if it holds --transactions records.")
    boolean reuse;

    @Option(
            names = "--rate",
            defaultValue = "10000",
            description = "Latency: generator rate in tx/s (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--duration",
            defaultValue = "60",
            description = "Latency: seconds of load (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description =
                    "Latency: seconds left out of the percentiles (default: ${DEFAULT-VALUE}).")
    int warmupSeconds;

    private final PrintStream out = System.out;

    @Override
    public void run() {
        if (repeat < 1 || parallelism < 1 || transactions < 1 || accounts < 1) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--repeat, --parallelism, --transactions and --accounts must be >= 1");
        }
        List<BenchPeer> round = sideBySide();
        StackLayout layout = stack.layout();
        LocalStack local = new LocalStack(layout, stack.ports(layout), System.out);
        local.up(Duration.ofSeconds(180));
        FlinkJobs jobs = new FlinkJobs(layout, local.flink());
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", local.ports().bootstrapServers()))) {
            if (latency) {
                new BenchLatency(layout, local, jobs, admin, out)
                        .run(rate, seconds, warmupSeconds, accounts, parallelism, options());
            } else {
                throughput(layout, local, jobs, admin, round);
            }
        }
    }

    /** The --jobs, checked before anything starts. */
    private List<BenchPeer> sideBySide() {
        List<BenchPeer> round = new ArrayList<>();
        for (String name : sideBySide) {
            round.add(
                    switch (name) {
                        case "fraud" -> withOptions(BenchPeer.fraudJob());
                        case "sql-peer" -> BenchPeer.sqlPeer();
                        case "sql-pass-through" -> BenchPeer.sqlPassThrough();
                        case "pass-through" -> BenchPeer.passThrough();
                        default ->
                                throw new ParameterException(
                                        spec.commandLine(),
                                        "--jobs: unknown job "
                                                + name
                                                + "; one of fraud, sql-peer, sql-pass-through,"
                                                + " pass-through");
                    });
        }
        return round;
    }

    private void throughput(
            StackLayout layout,
            LocalStack local,
            FlinkJobs jobs,
            Admin admin,
            List<BenchPeer> round) {
        String bootstrap = local.ports().bootstrapServers();
        BenchTopics.preload(layout, admin, bootstrap, transactions, accounts, reuse, out);
        BenchTopics.Distinct distinct = BenchTopics.distinct(bootstrap, BenchTopics.TX_TOPIC);
        BenchThroughput bench =
                new BenchThroughput(layout, local, jobs, admin, out, transactions, parallelism);
        BenchReport report = new BenchReport(out);
        for (int r = 1; r <= repeat; r++) {
            out.printf(Locale.ROOT, "round %d of %d%n", r, repeat);
            for (BenchPeer job : round) {
                report.add(bench.drain(job, r == 1));
            }
        }
        if (cost) {
            List<BenchPeer> variants = new ArrayList<>();
            variants.add(withOptions(BenchPeer.scoresOff()));
            variants.add(withOptions(BenchPeer.detectorsAlone()));
            for (int n : ruleCounts) {
                if (n > 0) {
                    variants.add(withOptions(BenchPeer.withRules(n)));
                }
            }
            out.println("the fraud job's variants");
            for (BenchPeer job : variants) {
                report.add(bench.drain(job, true));
            }
        }
        report.print(
                String.format(
                        Locale.ROOT,
                        "%,d transactions over %,d cards; parallelism %d on %s; this machine",
                        transactions,
                        distinct.accounts(),
                        parallelism,
                        bench.cluster()),
                distinct);
    }

    private BenchPeer withOptions(BenchPeer job) {
        List<String> all = new ArrayList<>(job.options());
        all.addAll(options());
        return new BenchPeer(
                job.label(),
                job.entryClass(),
                job.leadingArgs(),
                all,
                job.scorer(),
                job.bounded(),
                job.rules());
    }

    private List<String> options() {
        List<String> args = new ArrayList<>();
        jobOptions.forEach(
                (k, v) -> {
                    args.add("--" + k);
                    args.add(v);
                });
        return args;
    }
}
