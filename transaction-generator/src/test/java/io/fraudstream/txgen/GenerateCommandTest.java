package io.fraudstream.txgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code txgen generate --out}: reproducible JSON lines, labels apart, malformed on request. */
class GenerateCommandTest {

    /** The fields of the Transaction contract (docs/EVENTS.md); nothing else may appear. */
    private static final Set<String> CONTRACT_FIELDS =
            Set.of(
                    "transactionId",
                    "accountId",
                    "timestamp",
                    "amount",
                    "currency",
                    "merchantId",
                    "terminalId",
                    "mcc",
                    "country",
                    "lat",
                    "lon",
                    "channel");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path dir;

    private Txgen.Result generate(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("generate", "--progress", "off"));
        args.addAll(List.of("--out", dir.resolve(name + ".jsonl").toString()));
        args.addAll(List.of("--labels", dir.resolve(name + "-labels.jsonl").toString()));
        args.addAll(List.of(options));
        Txgen.Result result = Txgen.run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result;
    }

    private byte[] bytes(String file) throws IOException {
        return Files.readAllBytes(dir.resolve(file));
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
        String[] options = {
            "--count",
            "20000",
            "--accounts",
            "500",
            "--fraud-rate",
            "0.05",
            "--bad-rate",
            "0.01",
            "--out-of-order",
            "0.05"
        };
        generate("a", concat(options, "--seed", "42"));
        generate("b", concat(options, "--seed", "42"));
        generate("c", concat(options, "--seed", "43"));

        assertThat(bytes("a.jsonl")).isEqualTo(bytes("b.jsonl"));
        assertThat(bytes("a-labels.jsonl")).isEqualTo(bytes("b-labels.jsonl"));
        assertThat(bytes("a.jsonl")).isNotEqualTo(bytes("c.jsonl"));
        assertThat(bytes("a-labels.jsonl")).isNotEqualTo(bytes("c-labels.jsonl"));
        assertThat(Files.readAllLines(dir.resolve("a.jsonl"))).hasSize(20000);
    }

    @Test
    void transactionsCarryOnlyTheContractsFieldsAndLabelsGoApart() throws IOException {
        Txgen.Result result =
                generate(
                        "tx",
                        "--count",
                        "30000",
                        "--accounts",
                        "1000",
                        "--fraud-rate",
                        "0.02",
                        "--seed",
                        "5");

        Map<String, Transaction> byId = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("tx.jsonl"))) {
            JsonNode node = JSON.readTree(line);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                assertThat(CONTRACT_FIELDS).contains(names.next());
            }
            Transaction tx =
                    TransactionCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8));
            assertThat(byId.put(tx.transactionId(), tx)).as("unique id").isNull();
        }
        List<GroundTruth> labels = labels("tx-labels.jsonl");

        assertThat(byId).hasSize(30000);
        assertThat(labels).isNotEmpty().allMatch(GroundTruth::fraud);
        Set<String> names = new HashSet<>();
        for (GroundTruth label : labels) {
            Transaction tx = byId.get(label.transactionId());
            assertThat(tx).as("label of an emitted transaction").isNotNull();
            assertThat(label.accountId()).isEqualTo(tx.accountId());
            assertThat(label.timestamp()).isEqualTo(tx.timestamp());
            assertThat(label.terminalId()).isEqualTo(tx.terminalId());
            assertThat(label.producedAt()).as("no Kafka, no producedAt").isNull();
            names.add(label.scenario());
        }
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        Scenario.synthetic().stream().map(Scenario::wireName).toList());
        assertThat(summaryCount(result.err(), "fraud")).isEqualTo(labels.size());
    }

    @Test
    void labelsAllIncludesGenuineTransactions() throws IOException {
        generate("all", "--count", "5000", "--labels-all", "--seed", "9", "--accounts", "300");

        List<GroundTruth> labels = labels("all-labels.jsonl");

        assertThat(labels).hasSize(5000);
        assertThat(labels)
                .filteredOn(l -> !l.fraud())
                .isNotEmpty()
                .allMatch(l -> l.scenario().equals(GroundTruth.GENUINE));
    }

    @Test
    void malformedRecordsFailDecodingAreCountedAndNeverLabelled() throws IOException {
        Txgen.Result result =
                generate(
                        "bad",
                        "--count",
                        "20000",
                        "--bad-rate",
                        "0.1",
                        "--seed",
                        "8",
                        "--accounts",
                        "500");

        long malformed = 0;
        Set<String> reasons = new HashSet<>();
        Set<String> validIds = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("bad.jsonl"))) {
            try {
                validIds.add(
                        TransactionCodec.INSTANCE
                                .decode(line.getBytes(StandardCharsets.UTF_8))
                                .transactionId());
            } catch (InvalidEventException e) {
                malformed++;
                reasons.add(e.field() == null ? "payload" : e.field());
            }
        }

        assertThat(malformed).isBetween(1700L, 2300L);
        assertThat(summaryCount(result.err(), "malformed")).isEqualTo(malformed);
        assertThat(reasons).contains("payload", "accountId", "amount", "currency", "timestamp");
        assertThat(labels("bad-labels.jsonl")).allMatch(l -> validIds.contains(l.transactionId()));
    }

    @Test
    void theSummaryCountsFraudPerScenario() {
        Txgen.Result result =
                generate(
                        "sum",
                        "--count",
                        "20000",
                        "--fraud-rate",
                        "0.05",
                        "--seed",
                        "3",
                        "--accounts",
                        "500");

        assertThat(result.err())
                .contains("txgen generate: done: 20,000 records")
                .contains("card-testing")
                .contains("compromised-card")
                .contains("compromised-terminal")
                .contains("impossible-travel")
                .contains("velocity-burst")
                .contains("--seed 3 repeats this stream");
    }

    @Test
    void aGzipNameCompressesTheOutput() throws IOException {
        generate("plain", "--count", "2000", "--seed", "1", "--accounts", "200");
        Txgen.Result zipped =
                Txgen.run(
                        "generate",
                        "--progress",
                        "off",
                        "--count",
                        "2000",
                        "--seed",
                        "1",
                        "--accounts",
                        "200",
                        "--out",
                        dir.resolve("zipped.jsonl.gz").toString());

        assertThat(zipped.exitCode()).isZero();
        try (GZIPInputStream in =
                new GZIPInputStream(Files.newInputStream(dir.resolve("zipped.jsonl.gz")))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes("plain.jsonl"));
        }
    }

    @Test
    void aRateAndDurationSendExactlyRateTimesDuration() {
        Txgen.Result result =
                generate(
                        "paced",
                        "--rate",
                        "20000",
                        "--duration",
                        "1s",
                        "--seed",
                        "2",
                        "--accounts",
                        "200");

        assertThat(result.err()).contains("done: 20,000 records");
    }

    @Test
    void aLiveClockStampsTheWallClock() throws IOException {
        long before = System.currentTimeMillis();
        generate(
                "live",
                "--count",
                "1000",
                "--clock",
                "live",
                "--out-of-order",
                "0",
                "--seed",
                "4",
                "--accounts",
                "200");
        long after = System.currentTimeMillis();

        for (String line : Files.readAllLines(dir.resolve("live.jsonl"))) {
            long t =
                    TransactionCodec.INSTANCE
                            .decode(line.getBytes(StandardCharsets.UTF_8))
                            .timestamp()
                            .toEpochMilli();
            assertThat(t).isBetween(before, after);
        }
    }

    @Test
    void verdictsDelayTurnsEveryFraudIntoALaterChargebackWithItsEntities() throws IOException {
        Txgen.Result result =
                generate(
                        "cb",
                        "--count",
                        "20000",
                        "--accounts",
                        "500",
                        "--fraud-rate",
                        "0.05",
                        "--seed",
                        "6",
                        "--verdicts-delay",
                        "2d",
                        "--verdicts-out",
                        dir.resolve("cb-verdicts.jsonl").toString());

        Map<String, Transaction> byId = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("cb.jsonl"))) {
            try {
                Transaction tx =
                        TransactionCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8));
                byId.put(tx.transactionId(), tx);
            } catch (InvalidEventException e) {
                // generate writes no malformed records unless asked
                throw new AssertionError(line, e);
            }
        }
        List<GroundTruth> labels = labels("cb-labels.jsonl");
        List<Verdict> verdicts = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("cb-verdicts.jsonl"))) {
            verdicts.add(VerdictCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(labels).isNotEmpty();
        assertThat(verdicts)
                .extracting(Verdict::transactionId)
                .containsExactlyInAnyOrderElementsOf(
                        labels.stream().map(GroundTruth::transactionId).toList());
        assertThat(verdicts).extracting(Verdict::decidedAt).isSorted();
        for (Verdict v : verdicts) {
            Transaction tx = byId.get(v.transactionId());
            assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
            assertThat(v.source()).isEqualTo(Verdict.Source.CHARGEBACK);
            assertThat(v.accountId()).isEqualTo(tx.accountId());
            assertThat(v.terminalId()).isEqualTo(tx.terminalId());
            assertThat(v.merchantId()).isEqualTo(tx.merchantId());
            assertThat(v.eventTime()).isEqualTo(tx.timestamp());
            assertThat(v.decidedAt()).isEqualTo(tx.timestamp().plus(Duration.ofDays(2)));
        }
        assertThat(summaryCount(result.err(), "verdicts")).isEqualTo(verdicts.size());
    }

    @Test
    void verdictOptionsNeedADelayAndADestination() {
        Txgen.Result noDelay =
                Txgen.run(
                        "generate",
                        "--count",
                        "10",
                        "--out",
                        dir.resolve("x.jsonl").toString(),
                        "--verdicts-out",
                        dir.resolve("v.jsonl").toString());
        assertThat(noDelay.exitCode()).isEqualTo(2);
        assertThat(noDelay.err()).contains("--verdicts-delay").contains("Usage:");
    }

    private List<GroundTruth> labels(String file) throws IOException {
        List<GroundTruth> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            out.add(GroundTruthCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** The number after a name in the summary, such as {@code malformed 2,013}. */
    private static long summaryCount(String err, String name) {
        String summary = err.substring(err.indexOf("done:"));
        Matcher m = Pattern.compile("\\b" + name + " +([0-9,]+)").matcher(summary);
        assertThat(m.find()).as("'%s' in %s", name, summary).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
