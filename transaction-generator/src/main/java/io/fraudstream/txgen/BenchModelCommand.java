package io.fraudstream.txgen;

import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.ConfigTree;
import io.fraudstream.events.config.Options;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.features.FeedbackSettings;
import io.fraudstream.model.scoring.ModelException;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.scoring.Scorer;
import io.fraudstream.model.scoring.TreeModel;
import io.fraudstream.model.train.FeatureReplay;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.score.JsonLinesInput;
import io.fraudstream.txgen.score.ScoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code txgen bench-model}: the cost of scoring one transaction with a model file, as the job
 * scores it (the trees with each feature's contribution, the detectors combined, the decision), on
 * the feature vectors of a real history, in one JVM after warm-up.
 */
@Command(
        name = "bench-model",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Measures the job's in-stream inference: the feature vectors of --transactions are"
                    + " computed once (with --verdicts, as the job would), then scored again and"
                    + " again with --model as the job scores them; prints nanoseconds per"
                    + " transaction (median of the passes after warm-up) for the trees alone and"
                    + " for the full scoring with contributions.",
            ""
        })
final class BenchModelCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "Model file.")
    Path model;

    @Option(
            names = "--transactions",
            paramLabel = "FILE",
            required = true,
            description = "Transactions as JSON lines.")
    Path transactions;

    @Option(names = "--verdicts", paramLabel = "FILE", description = "Verdicts as JSON lines.")
    Path verdicts;

    @Option(
            names = "--count",
            defaultValue = "100000",
            description = "Transactions to score per pass (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--passes",
            defaultValue = "15",
            description = "Timed passes, after as many warm-up passes (default: ${DEFAULT-VALUE}).")
    int passes;

    @Option(
            names = "--job-config",
            paramLabel = "FILE",
            description = "Job configuration (default: conf/fraud-job.yaml of the home).")
    Path jobConfig;

    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1 || passes < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--count and --passes must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path config =
                jobConfig != null
                        ? jobConfig
                        : Path.of(System.getProperty("fraudstream.home", ""))
                                .toAbsolutePath()
                                .resolve("conf/fraud-job.yaml");
        Options options;
        ModelFile.Loaded loaded;
        try {
            options = new Options(ConfigTree.readFlat(config), config.toString());
            loaded = ModelFile.read(model);
        } catch (ConfigException | ModelException e) {
            throw new CommandFailure(e.getMessage());
        }
        FeatureReplay replay =
                new FeatureReplay(DetectorSettings.read(options), FeedbackSettings.read(options));
        try {
            if (verdicts != null) {
                new JsonLinesInput(verdicts)
                        .forEach(r -> replay.verdict(VerdictCodec.INSTANCE.decode(r.value())));
            }
            double[][] vectors = new double[count][];
            List<List<Detection>> found = new ArrayList<>(count);
            int[] n = new int[1];
            new JsonLinesInput(transactions)
                    .forEach(
                            r -> {
                                if (n[0] == count) {
                                    return;
                                }
                                Transaction tx = TransactionCodec.INSTANCE.decode(r.value());
                                replay.transaction(
                                        tx,
                                        (t, features, detections, compromised) -> {
                                            vectors[n[0]] = features.clone();
                                            found.add(List.copyOf(detections));
                                            n[0]++;
                                        });
                            });
            int rows = n[0];
            Scorer scorer =
                    new Scorer(
                            loaded.modelVersion(),
                            loaded.model(),
                            options.decimal("scoring.flag-threshold", 0, 1),
                            options.decimal("scoring.block-threshold", 0, 1));
            Scorer.Result result = new Scorer.Result();
            TreeModel.Scratch scratch = loaded.model().scratch();
            double[] trees = new double[passes];
            double[] full = new double[passes];
            double sink = 0;
            for (int pass = -passes; pass < passes; pass++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    sink += loaded.model().margin(vectors[i], scratch);
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < rows; i++) {
                    scorer.score(vectors[i], found.get(i), false, result);
                    sink += result.score;
                }
                long t2 = System.nanoTime();
                if (pass >= 0) {
                    trees[pass] = (t1 - t0) / (double) rows;
                    full[pass] = (t2 - t1) / (double) rows;
                }
            }
            Arrays.sort(trees);
            Arrays.sort(full);
            out.printf(
                    Locale.ROOT,
                    "model %s: %d trees, %d features; %,d transactions of %s, %d passes after %d"
                            + " warm-up%n  trees alone (margin)          %8.0f ns per transaction%n"
                            + "  full scoring (contributions)  %8.0f ns per transaction%n"
                            + "(checksum %.3f)%n",
                    loaded.modelVersion(),
                    loaded.model().trees(),
                    Feature.COUNT,
                    rows,
                    transactions.getFileName(),
                    passes,
                    passes,
                    trees[passes / 2],
                    full[passes / 2],
                    sink);
            out.flush();
            return 0;
        } catch (ScoreException e) {
            throw new CommandFailure(e.getMessage());
        }
    }
}
