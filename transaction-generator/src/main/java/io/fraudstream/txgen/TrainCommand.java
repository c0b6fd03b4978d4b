package io.fraudstream.txgen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.events.Durations;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.events.config.ConfigTree;
import io.fraudstream.events.config.Options;
import io.fraudstream.model.card.Detection;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.config.FeatureOptions;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.features.FeedbackSettings;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.scoring.Scorer;
import io.fraudstream.model.scoring.TreeModel;
import io.fraudstream.model.train.FeatureReplay;
import io.fraudstream.model.train.RankingMetrics;
import io.fraudstream.model.train.Trainer;
import io.fraudstream.txgen.cli.CommandFailure;
import io.fraudstream.txgen.cli.Converters;
import io.fraudstream.txgen.score.JsonLinesInput;
import io.fraudstream.txgen.score.ScoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code txgen train}: learns the fraud job's model from a labelled history. The history is
 * replayed through the job's own feature code ({@link FeatureReplay}): every transaction's features
 * are what the job would have computed, with every verdict usable only from its {@code decidedAt},
 * exactly as the job sees it. The transactions of the training period become rows with their
 * ground-truth label, XGBoost learns gradient-boosted trees from them, and the trees are written as
 * a model file for {@code model.path}, with how they were made.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Trains the fraud job's model (gradient-boosted trees, XGBoost) on a labelled history"
                    + " and writes a model file for --model.path.",
            "The history is three JSON-lines files as txgen generate and replay write them:"
                    + " transactions (--out), ground-truth labels (--labels) and the delayed"
                    + " verdicts the job would receive (--verdicts-out). Features are computed by"
                    + " the job's own code, each verdict counting only from its decidedAt; the"
                    + " transactions with a time in [--train-from, --train-to) are the training"
                    + " rows. The detector and feedback options come from the job's configuration"
                    + " (--job-config), so the model is trained on the features the job serves.",
            "The same inputs and --seed give the same model file. Exit status: 0 trained, 1 an"
                    + " input could not be read, 2 usage error.",
            ""
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--transactions",
            paramLabel = "FILE",
            required = true,
            description =
                    "Transactions, one JSON object per line, in the order the job reads them.")
    Path transactions;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            required = true,
            description = "Ground-truth labels; a transaction without a fraud label is genuine.")
    Path labels;

    @Option(
            names = "--verdicts",
            paramLabel = "FILE",
            description = "Verdicts the job would receive (chargebacks with their decidedAt).")
    Path verdicts;

    @Option(
            names = "--train-from",
            paramLabel = "TIME",
            converter = Converters.When.class,
            description = "Start of the training period (ISO-8601 instant or date; default: all).")
    Instant from;

    @Option(
            names = "--train-to",
            paramLabel = "TIME",
            converter = Converters.When.class,
            description = "End of the training period, exclusive (default: all).")
    Instant to;

    @Option(
            names = "--validate-from",
            paramLabel = "TIME",
            converter = Converters.When.class,
            description =
                    "Start of an out-of-time validation period: its transactions are scored by"
                            + " the new model as the job would score them (with the detectors),"
                            + " and AUC and AP reported. Keep it after --train-to plus the label"
                            + " delay, and never on a period you test on.")
    Instant validateFrom;

    @Option(
            names = "--validate-to",
            paramLabel = "TIME",
            converter = Converters.When.class,
            description = "End of the validation period, exclusive (default: the end).")
    Instant validateTo;

    @Option(
            names = "--validation-scores",
            paramLabel = "FILE",
            description =
                    "Write the validation period's scores as TransactionScore JSON lines, for"
                            + " txgen score --scores (CP@k).")
    Path validationScores;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            required = true,
            description = "The model file to write.")
    Path out;

    @Option(
            names = "--model-version",
            paramLabel = "NAME",
            description = "The model's version in scores and alerts (default: the file's name).")
    String modelVersion;

    @Option(
            names = "--job-config",
            paramLabel = "FILE",
            description =
                    "The job configuration whose feature options to train for (default:"
                            + " conf/fraud-job.yaml of the fraudstream home).")
    Path jobConfig;

    @Option(
            names = "--job-option",
            paramLabel = "KEY=VALUE",
            description =
                    "A job option overriding --job-config, as --<key> <value> would for the job,"
                            + " such as feedback.decline-compromised-cards=false; repeatable.")
    Map<String, String> jobOverrides = new LinkedHashMap<>();

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rounds",
            defaultValue = "200",
            description =
                    "Trees (default: ${DEFAULT-VALUE}: the job scores and explains 200 in under"
                            + " 5 µs).")
    int rounds;

    @Option(
            names = "--depth",
            defaultValue = "5",
            description = "Deepest split (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--eta",
            defaultValue = "0.075",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @Spec CommandLine.Model.CommandSpec spec;

    private boolean declineCompromised;

    @Override
    public Integer call() throws Exception {
        PrintWriter outText = spec.commandLine().getOut();
        if (rounds < 1 || depth < 1 || depth > 16 || !(eta > 0 && eta <= 1)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--rounds >= 1, --depth in [1, 16], --eta in (0, 1]");
        }
        Map<String, String> options = jobOptions();
        Options reader = new Options(options, "--job-config");
        DetectorSettings detectors;
        FeedbackSettings feedback;
        try {
            detectors = DetectorSettings.read(reader);
            feedback = FeedbackSettings.read(reader);
            declineCompromised = feedback.declineCompromised();
        } catch (ConfigException e) {
            throw new CommandFailure("--job-config: " + e.getMessage());
        }
        long started = System.nanoTime();
        Set<String> frauds = readFrauds();
        FeatureReplay replay = new FeatureReplay(detectors, feedback);
        int verdictCount = 0;
        if (verdicts != null) {
            for (Verdict v : readVerdicts()) {
                replay.verdict(v);
                verdictCount++;
            }
        }
        if (validateFrom == null && (validateTo != null || validationScores != null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--validate-to and --validation-scores need --validate-from");
        }
        Rows rows = new Rows();
        Validation validation = validateFrom == null ? null : new Validation();
        long[] seen = new long[1];
        forEach(
                transactions,
                bytes -> {
                    Transaction tx = TransactionCodec.INSTANCE.decode(bytes);
                    seen[0]++;
                    replay.transaction(
                            tx,
                            (t, features, found, compromised) -> {
                                Instant time = t.timestamp();
                                if (!compromised
                                        && (from == null || !time.isBefore(from))
                                        && (to == null || time.isBefore(to))) {
                                    rows.add(features, frauds.contains(t.transactionId()));
                                }
                                if (validation != null
                                        && !time.isBefore(validateFrom)
                                        && (validateTo == null || time.isBefore(validateTo))) {
                                    validation.add(
                                            t,
                                            features,
                                            found,
                                            compromised,
                                            frauds.contains(t.transactionId()));
                                }
                            });
                });
        if (rows.count == 0 || rows.frauds == 0) {
            throw new CommandFailure(
                    "the training period holds "
                            + rows.count
                            + " transactions and "
                            + rows.frauds
                            + " frauds: nothing to learn from; check --train-from and --train-to");
        }
        Trainer.Settings settings = new Trainer.Settings(rounds, depth, eta, 0.8, 0.8, seed);
        Trainer.Model model = Trainer.train(rows.values(), rows.labels(), settings);
        String version =
                modelVersion != null
                        ? modelVersion
                        : out.getFileName().toString().replaceFirst("\\.json$", "");
        ModelFile.write(
                out,
                version,
                model.baseMargin(),
                model.trees(),
                featureOptions(detectors, feedback),
                provenance(rows, seen[0], verdictCount, settings, model));
        String validated = "";
        if (validation != null) {
            validated = validation.evaluate(version, model, reader);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        outText.printf(
                Locale.ROOT,
                "trained %s: %d trees on %,d transactions (%,d frauds) of %,d read, %,d verdicts;"
                        + " in-sample AUC %.4f, AP %.4f%s; %.1f s%n",
                out,
                model.trees().size(),
                rows.count,
                rows.frauds,
                seen[0],
                verdictCount,
                rows.auc,
                rows.ap,
                validated,
                seconds);
        outText.flush();
        return 0;
    }

    private Map<String, String> jobOptions() {
        Path file = jobConfig;
        if (file == null) {
            String home = System.getProperty("fraudstream.home", "");
            file = Path.of(home).toAbsolutePath().resolve("conf/fraud-job.yaml");
        }
        Map<String, String> options;
        try {
            options = new LinkedHashMap<>(ConfigTree.readFlat(file));
        } catch (ConfigException e) {
            throw new CommandFailure("--job-config: " + e.getMessage());
        }
        for (Map.Entry<String, String> o : jobOverrides.entrySet()) {
            if (!options.containsKey(o.getKey())) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--job-option: unknown job option '"
                                + o.getKey()
                                + "': check the spelling against "
                                + file.getFileName());
            }
            options.put(o.getKey(), o.getValue());
        }
        return options;
    }

    private static Map<String, String> featureOptions(DetectorSettings d, FeedbackSettings f) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(FeatureOptions.PROFILE_HALF_LIFE, Durations.exact(d.profileHalfLife()));
        options.put(FeatureOptions.FEEDBACK_LABEL_DELAY, Durations.exact(f.labelDelay()));
        options.put(FeatureOptions.FEEDBACK_VISIBILITY_LAG, Durations.exact(f.visibilityLag()));
        return options;
    }

    /** What went in and how: enough to rebuild the file byte for byte. */
    private ObjectNode provenance(
            Rows rows, long read, int verdictCount, Trainer.Settings s, Trainer.Model model)
            throws IOException {
        ObjectNode training = JsonNodeFactory.instance.objectNode();
        training.put(
                "command",
                "txgen " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        ObjectNode data = training.putObject("data");
        data.set("transactions", fileNode(transactions));
        data.set("labels", fileNode(labels));
        if (verdicts != null) {
            data.set("verdicts", fileNode(verdicts));
        }
        training.put("trainFrom", from == null ? "start" : from.toString());
        training.put("trainTo", to == null ? "end" : to.toString());
        training.put("declineCompromisedCards", declineCompromised);
        training.put("transactionsRead", read);
        training.put("verdicts", verdictCount);
        training.put("rows", rows.count);
        training.put("frauds", rows.frauds);
        ObjectNode booster = training.putObject("booster");
        booster.put("library", "XGBoost 3.4.0 (xgboost4j_2.12), objective binary:logistic");
        booster.put("rounds", s.rounds());
        booster.put("maxDepth", s.maxDepth());
        booster.put("eta", s.eta());
        booster.put("subsample", s.subsample());
        booster.put("columns", s.columns());
        booster.put("seed", s.seed());
        ObjectNode metrics = training.putObject("inSample");
        rows.evaluate(model);
        metrics.put("auc", round(rows.auc));
        metrics.put("averagePrecision", round(rows.ap));
        return training;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static ObjectNode fileNode(Path file) throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("file", file.getFileName().toString());
        node.put("bytes", Files.size(file));
        node.put("sha256", sha256(file));
        return node;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in =
                new DigestInputStream(
                        Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Set<String> readFrauds() {
        Set<String> frauds = new HashSet<>();
        forEach(
                labels,
                bytes -> {
                    GroundTruth label = GroundTruthCodec.INSTANCE.decode(bytes);
                    if (label.fraud()) {
                        frauds.add(label.transactionId());
                    }
                });
        return frauds;
    }

    private List<Verdict> readVerdicts() {
        List<Verdict> list = new ArrayList<>();
        forEach(verdicts, bytes -> list.add(VerdictCodec.INSTANCE.decode(bytes)));
        return list;
    }

    private static void forEach(Path file, Consumer<byte[]> handler) {
        try {
            new JsonLinesInput(file)
                    .forEach(
                            record -> {
                                try {
                                    handler.accept(record.value());
                                } catch (InvalidEventException | IllegalArgumentException e) {
                                    throw new CommandFailure(
                                            file + ", " + record.where() + ": " + e.getMessage());
                                }
                            });
        } catch (ScoreException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private static final TransactionScore.Contribution COMPROMISED =
            new TransactionScore.Contribution(
                    "card.compromised", "card confirmed compromised by a verdict", 1, 0);

    /** The validation period's transactions, scored once the model is trained. */
    private final class Validation {
        final Rows rows = new Rows();
        final List<Transaction> transactions = new ArrayList<>();
        final List<List<Detection>> detections = new ArrayList<>();
        final List<Boolean> compromised = new ArrayList<>();

        void add(
                Transaction tx,
                double[] features,
                List<Detection> found,
                boolean isCompromised,
                boolean fraud) {
            rows.add(features, fraud);
            transactions.add(tx);
            detections.add(List.copyOf(found));
            compromised.add(isCompromised);
        }

        /** Scores every row as the job would, reports AUC and AP, writes the scores if asked. */
        String evaluate(String version, Trainer.Model model, Options options) throws IOException {
            if (rows.count == 0) {
                throw new CommandFailure("the validation period holds no transactions");
            }
            Scorer scorer =
                    new Scorer(
                            version,
                            model.treeModel(),
                            options.decimal("scoring.flag-threshold", 0, 1),
                            options.decimal("scoring.block-threshold", 0, 1));
            Scorer.Result result = new Scorer.Result();
            double[] x = new double[Feature.COUNT];
            double[] scores = new double[rows.count];
            boolean[] fraud = new boolean[rows.count];
            int ranked = 0;
            try (PrintWriter out =
                    validationScores == null
                            ? null
                            : new PrintWriter(Files.newBufferedWriter(validationScores), false)) {
                for (int r = 0; r < rows.count; r++) {
                    for (int f = 0; f < Feature.COUNT; f++) {
                        x[f] = rows.values[r * Feature.COUNT + f];
                    }
                    scorer.score(x, detections.get(r), compromised.get(r), result);
                    if (!result.compromised) {
                        // a card confirmed compromised is blocked: no ranking decision
                        scores[ranked] = result.score;
                        fraud[ranked++] = rows.labels[r] > 0;
                    }
                    if (out != null) {
                        Transaction tx = transactions.get(r);
                        out.println(
                                new String(
                                        TransactionScoreCodec.INSTANCE.encode(
                                                TransactionScore.of(
                                                        tx,
                                                        result.score,
                                                        result.decision,
                                                        version,
                                                        result.compromised
                                                                ? List.of(COMPROMISED)
                                                                : List.of(),
                                                        Map.of())),
                                        StandardCharsets.UTF_8));
                    }
                }
            }
            scores = Arrays.copyOf(scores, ranked);
            fraud = Arrays.copyOf(fraud, ranked);
            return String.format(
                    Locale.ROOT,
                    "; validation (%,d transactions, %,d frauds; %,d of cards confirmed"
                            + " compromised not ranked) AUC %.4f, AP %.4f",
                    rows.count,
                    rows.frauds,
                    rows.count - ranked,
                    RankingMetrics.auc(scores, fraud),
                    RankingMetrics.averagePrecision(scores, fraud));
        }
    }

    /** The training rows, growing as the replay goes. */
    private static final class Rows {
        float[] values = new float[Feature.COUNT * 1024];
        float[] labels = new float[1024];
        int count;
        int frauds;
        double auc = Double.NaN;
        double ap = Double.NaN;

        void add(double[] features, boolean fraud) {
            if (count == labels.length) {
                labels = Arrays.copyOf(labels, count * 2);
                values = Arrays.copyOf(values, count * 2 * Feature.COUNT);
            }
            for (int f = 0; f < Feature.COUNT; f++) {
                values[count * Feature.COUNT + f] = (float) features[f];
            }
            labels[count] = fraud ? 1 : 0;
            frauds += fraud ? 1 : 0;
            count++;
        }

        float[] values() {
            return Arrays.copyOf(values, count * Feature.COUNT);
        }

        float[] labels() {
            return Arrays.copyOf(labels, count);
        }

        /** In-sample ranking quality of the converted model, scored as the job scores. */
        void evaluate(Trainer.Model model) {
            TreeModel trees = model.treeModel();
            double[] scores = new double[count];
            boolean[] fraud = new boolean[count];
            double[] x = new double[Feature.COUNT];
            for (int r = 0; r < count; r++) {
                for (int f = 0; f < Feature.COUNT; f++) {
                    x[f] = values[r * Feature.COUNT + f];
                }
                scores[r] = trees.score(x);
                fraud[r] = labels[r] > 0;
            }
            auc = RankingMetrics.auc(scores, fraud);
            ap = RankingMetrics.averagePrecision(scores, fraud);
        }
    }
}
