package io.fraudstream.txgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.TransactionScore;
import io.fraudstream.events.TransactionScoreCodec;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.events.config.ConfigTree;
import io.fraudstream.events.config.Options;
import io.fraudstream.model.card.DetectorSettings;
import io.fraudstream.model.config.FeatureOptions;
import io.fraudstream.model.features.FeedbackSettings;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.train.FeatureReplay;
import io.fraudstream.model.train.RankingMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code txgen train}: a model file the job can load, learnt from a generated history with delayed
 * chargebacks, reproducible from its seed, and refusals that name what is wrong.
 */
class TrainCommandTest {

    private static final Path JOB_CONFIG = Path.of("../conf/fraud-job.yaml");

    @TempDir static Path dir;

    @BeforeAll
    static void generateHistory() {
        for (String[] part : new String[][] {{"train", "7"}, {"test", "8"}}) {
            Txgen.Result r =
                    Txgen.run(
                            "generate",
                            "--progress",
                            "off",
                            "--count",
                            "30000",
                            "--accounts",
                            "600",
                            "--fraud-rate",
                            "0.03",
                            "--seed",
                            part[1],
                            "--out",
                            file(part[0] + ".jsonl"),
                            "--labels",
                            file(part[0] + "-labels.jsonl"),
                            "--verdicts-delay",
                            "1d",
                            "--verdicts-out",
                            file(part[0] + "-verdicts.jsonl"));
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    private static Txgen.Result train(String out, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "train",
                                "--transactions",
                                file("train.jsonl"),
                                "--labels",
                                file("train-labels.jsonl"),
                                "--verdicts",
                                file("train-verdicts.jsonl"),
                                "--job-config",
                                JOB_CONFIG.toString(),
                                "--rounds",
                                "40",
                                "--out",
                                file(out)));
        args.addAll(List.of(extra));
        return Txgen.run(args.toArray(String[]::new));
    }

    @Test
    void writesAValidModelForTheJobsFeatureOptionsWithItsProvenance() throws IOException {
        Txgen.Result r = train("m.json", "--model-version", "gen-test-1", "--seed", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained").contains("40 trees").contains("in-sample AUC");
        ModelFile.Loaded model = ModelFile.read(dir.resolve("m.json"));
        assertThat(model.modelVersion()).isEqualTo("gen-test-1");
        assertThat(model.featureOptions())
                .containsKeys(
                        FeatureOptions.PROFILE_HALF_LIFE,
                        FeatureOptions.FEEDBACK_LABEL_DELAY,
                        FeatureOptions.FEEDBACK_VISIBILITY_LAG);
        assertThat(model.training().path("rows").asLong()).isPositive();
        assertThat(model.training().path("frauds").asLong()).isPositive();
        assertThat(model.training().path("data").path("labels").path("sha256").asText())
                .hasSize(64);
        assertThat(model.training().path("command").asText()).contains("--seed 3");
    }

    @Test
    void theSameInputsAndSeedGiveTheSameFileAndAnotherSeedAnotherModel() throws IOException {
        for (String[] run : new String[][] {{"a", "5"}, {"b", "5"}, {"c", "6"}}) {
            Txgen.Result r = train(run[0] + ".json", "--seed", run[1], "--model-version", "v");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }

        // the provenance names the output file; the trees must match byte for byte
        String a = Files.readString(dir.resolve("a.json")).replace("a.json", "X");
        String b = Files.readString(dir.resolve("b.json")).replace("b.json", "X");
        String c = Files.readString(dir.resolve("c.json")).replace("c.json", "X");
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void theModelRanksFraudOnAHistoryItNeverSaw() throws IOException {
        assertThat(train("held-out.json", "--seed", "2").exitCode()).isZero();
        ModelFile.Loaded model = ModelFile.read(dir.resolve("held-out.json"));

        // the other seed's history, replayed with its own delayed chargebacks
        Options options = new Options(ConfigTree.readFlat(JOB_CONFIG), JOB_CONFIG.toString());
        FeatureReplay replay =
                new FeatureReplay(DetectorSettings.read(options), FeedbackSettings.read(options));
        for (String line : Files.readAllLines(dir.resolve("test-verdicts.jsonl"))) {
            replay.verdict(VerdictCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        Set<String> frauds = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("test-labels.jsonl"))) {
            GroundTruth label =
                    GroundTruthCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8));
            if (label.fraud()) {
                frauds.add(label.transactionId());
            }
        }
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("test.jsonl"))) {
            Transaction tx =
                    TransactionCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8));
            replay.transaction(
                    tx,
                    (t, features, found, compromised) -> {
                        scores.add(model.model().score(features));
                        labels.add(frauds.contains(t.transactionId()));
                    });
        }
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] y = new boolean[labels.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.get(i);
        }
        assertThat(RankingMetrics.auc(s, y)).as("AUC on the held-out seed").isGreaterThan(0.85);
    }

    @Test
    void anOutOfTimeValidationScoresItsPeriodAsTheJobWouldForTxgenScore() throws IOException {
        String firstDay =
                Files.readAllLines(dir.resolve("train.jsonl"))
                        .get(0)
                        .replaceAll(".*\"timestamp\":\"([0-9-]+)T.*", "$1");
        Instant start = Instant.parse(firstDay + "T00:00:00Z");
        Txgen.Result r =
                train(
                        "validated.json",
                        "--train-to",
                        start.plus(Duration.ofDays(8)).toString(),
                        "--validate-from",
                        start.plus(Duration.ofDays(9)).toString(),
                        "--validation-scores",
                        file("validation.jsonl"),
                        "--job-option",
                        "scoring.flag-threshold=0.3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("validation \\([0-9,]+ transactions, [0-9,]+ frauds;");
        List<TransactionScore> scores = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("validation.jsonl"))) {
            scores.add(
                    TransactionScoreCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(scores).isNotEmpty();
        assertThat(scores)
                .allSatisfy(
                        s ->
                                assertThat(s.eventTime())
                                        .isAfterOrEqualTo(start.plus(Duration.ofDays(9))));
        // the override: REVIEW from 0.3
        assertThat(scores)
                .filteredOn(s -> s.score() >= 0.3 && s.score() < 0.85)
                .allSatisfy(
                        s -> assertThat(s.decision()).isEqualTo(TransactionScore.Decision.REVIEW));
        assertThat(
                        ModelFile.read(dir.resolve("validated.json"))
                                .training()
                                .path("command")
                                .asText())
                .contains("--job-option scoring.flag-threshold=0.3");
    }

    @Test
    void anUnknownJobOptionIsAUsageError() {
        Txgen.Result r = train("x.json", "--job-option", "scoring.flag-treshold=0.3");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown job option 'scoring.flag-treshold'");
    }

    @Test
    void aTrainingPeriodWithoutFraudIsRefusedNamingTheOptions() {
        Txgen.Result r = train("none.json", "--train-from", "2100-01-01");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--train-from").contains("--train-to");
        assertThat(dir.resolve("none.json")).doesNotExist();
    }

    @Test
    void badBoosterSettingsAreUsageErrors() {
        Txgen.Result r = train("bad.json", "--eta", "0");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--eta").contains("Usage:");
    }

    @Test
    void aMalformedInputLineIsNamedWithItsPlace() throws IOException {
        Path broken = dir.resolve("broken-labels.jsonl");
        Files.writeString(broken, "{\"transactionId\": 12}\n");
        Txgen.Result r =
                Txgen.run(
                        "train",
                        "--transactions",
                        file("train.jsonl"),
                        "--labels",
                        broken.toString(),
                        "--job-config",
                        JOB_CONFIG.toString(),
                        "--out",
                        file("broken.json"));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .startsWith("train: ")
                .contains("broken-labels.jsonl, line 1: transactionId")
                .doesNotContain("\tat ");
    }
}
