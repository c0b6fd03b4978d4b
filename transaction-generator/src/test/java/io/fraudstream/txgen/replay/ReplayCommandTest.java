package io.fraudstream.txgen.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.txgen.Txgen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code txgen replay} of the committed handbook sample (see {@link ReplaySamples}). */
class ReplayCommandTest {

    @TempDir Path dir;

    private Txgen.Result replay(String input, String... options) {
        List<String> args = new ArrayList<>();
        args.add("replay");
        args.add(ReplaySamples.path(input).toString());
        args.addAll(List.of("--progress", "off", "--out", dir.resolve("tx.jsonl").toString()));
        args.addAll(List.of(options));
        return Txgen.run(args.toArray(String[]::new));
    }

    private List<String> lines(String file) throws IOException {
        return Files.readAllLines(dir.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"handbook-sample.csv", "handbook-sample.csv.gz"})
    void mapsTheHandbookColumnsExactly(String input) throws IOException {
        Txgen.Result result = replay(input, "--labels", dir.resolve("labels.jsonl").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<String> tx = lines("tx.jsonl");
        assertThat(tx).hasSize(204);
        // 0,2018-04-01T00:00:31Z,596,3156,57.16,31,0,0,0
        assertThat(tx.get(0))
                .isEqualTo(
                        "{\"transactionId\":\"0\",\"accountId\":\"596\","
                                + "\"timestamp\":\"2018-04-01T00:00:31Z\",\"amount\":\"57.16\","
                                + "\"currency\":\"EUR\",\"terminalId\":\"3156\"}");
        // 3527,2018-04-01T10:17:43Z,3774,3059,225.41,37063,0,1,1: the label stays out
        assertThat(tx)
                .contains(
                        "{\"transactionId\":\"3527\",\"accountId\":\"3774\","
                                + "\"timestamp\":\"2018-04-01T10:17:43Z\",\"amount\":\"225.41\","
                                + "\"currency\":\"EUR\",\"terminalId\":\"3059\"}");
        // 288000,2018-04-30T23:13:44Z,2851,4156,1.29,...: the line after the second bad one
        assertThat(tx)
                .contains(
                        "{\"transactionId\":\"288000\",\"accountId\":\"2851\","
                                + "\"timestamp\":\"2018-04-30T23:13:44Z\",\"amount\":\"1.29\","
                                + "\"currency\":\"EUR\",\"terminalId\":\"4156\"}");
        assertThat(String.join("\n", tx)).doesNotContain("TX_FRAUD").doesNotContain("fraud");

        List<GroundTruth> labels = labels("labels.jsonl");
        assertThat(labels).hasSize(24).allMatch(GroundTruth::fraud);
        assertThat(labels.get(0))
                .isEqualTo(
                        new GroundTruth(
                                "3527",
                                "3774",
                                Instant.parse("2018-04-01T10:17:43Z"),
                                true,
                                "handbook-high-amount",
                                "3059",
                                null));
        assertThat(labels.stream().map(GroundTruth::scenario).distinct())
                .containsExactlyInAnyOrder(
                        "handbook-high-amount",
                        "handbook-compromised-terminal",
                        "handbook-compromised-card");
        assertThat(result.err())
                .contains("done: 204 transactions")
                .contains("handbook-high-amount                    8")
                .contains("malformed    2 lines skipped")
                .contains("line 62: amount: not a decimal number, was \"12.5O\"")
                .contains("line 123: expected at least 9 fields, found 3");
    }

    @Test
    void gzipAndPlainInputGiveTheSameBytes() throws IOException {
        replay("handbook-sample.csv");
        byte[] plain = Files.readAllBytes(dir.resolve("tx.jsonl"));
        replay("handbook-sample.csv.gz");

        assertThat(Files.readAllBytes(dir.resolve("tx.jsonl"))).isEqualTo(plain);
    }

    @Test
    void aMalformedLineFailsTheReplayWhenAsked() {
        Txgen.Result result = replay("handbook-sample.csv", "--on-error", "fail");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("handbook-sample.csv line 62: amount: not a decimal number")
                .contains("--on-error skip");
    }

    @Test
    void labelsAllLabelsGenuineTransactionsToo() throws IOException {
        replay(
                "handbook-sample.csv",
                "--labels",
                dir.resolve("labels.jsonl").toString(),
                "--labels-all");

        List<GroundTruth> labels = labels("labels.jsonl");
        assertThat(labels).hasSize(204);
        assertThat(labels.stream().filter(GroundTruth::fraud)).hasSize(24);
        assertThat(labels)
                .filteredOn(l -> !l.fraud())
                .allMatch(l -> l.scenario().equals(GroundTruth.GENUINE));
    }

    @Test
    void verdictsFollowEachFraudAfterTheDelay() throws IOException {
        Txgen.Result result =
                replay(
                        "handbook-sample.csv",
                        "--verdicts-delay",
                        "7d",
                        "--verdicts-out",
                        dir.resolve("verdicts.jsonl").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Verdict> verdicts = new ArrayList<>();
        for (String line : lines("verdicts.jsonl")) {
            verdicts.add(VerdictCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(verdicts).hasSize(24);
        assertThat(verdicts.get(0))
                .isEqualTo(
                        new Verdict(
                                "3774",
                                "3527",
                                null,
                                "3059",
                                Verdict.Label.FRAUD,
                                Verdict.Source.CHARGEBACK,
                                Instant.parse("2018-04-08T10:17:43Z"),
                                null,
                                null,
                                Instant.parse("2018-04-01T10:17:43Z")));
        assertThat(verdicts).extracting(Verdict::decidedAt).isSorted();
        assertThat(result.err()).contains("verdicts     24 to");
    }

    @Test
    void otherLayoutsMapByOption() throws IOException {
        Path csv = dir.resolve("cards.csv");
        Files.writeString(
                csv,
                "id;card;when;value;cur;shop;mcc;cc;lat;lon;how;bad\n"
                        + "a1;c-7;1767600000;12.30;USD;\"Shop; Corner\";5411;US;40.7;-74.0;pos;0\n"
                        + "a2;c-8;1767600060;999.99;USD;web;5732;;;;ecom;1\n");

        Txgen.Result result =
                Txgen.run(
                        "replay",
                        csv.toString(),
                        "--progress",
                        "off",
                        "--out",
                        dir.resolve("tx.jsonl").toString(),
                        "--labels",
                        dir.resolve("labels.jsonl").toString(),
                        "--delimiter",
                        ";",
                        "--timestamp-format",
                        "epoch-seconds",
                        "--column",
                        "transactionId=id",
                        "--column",
                        "accountId=card",
                        "--column",
                        "timestamp=when",
                        "--column",
                        "amount=value",
                        "--column",
                        "currency=cur",
                        "--column",
                        "merchantId=shop",
                        "--column",
                        "mcc=mcc",
                        "--column",
                        "country=cc",
                        "--column",
                        "lat=lat",
                        "--column",
                        "lon=lon",
                        "--column",
                        "channel=how",
                        "--column",
                        "fraud=bad",
                        "--column",
                        "scenario=");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(lines("tx.jsonl"))
                .containsExactly(
                        "{\"transactionId\":\"a1\",\"accountId\":\"c-7\","
                                + "\"timestamp\":\"2026-01-05T08:00:00Z\",\"amount\":\"12.30\","
                                + "\"currency\":\"USD\",\"merchantId\":\"Shop; Corner\","
                                + "\"mcc\":\"5411\",\"country\":\"US\",\"lat\":40.7,\"lon\":-74.0,"
                                + "\"channel\":\"POS\"}",
                        "{\"transactionId\":\"a2\",\"accountId\":\"c-8\","
                                + "\"timestamp\":\"2026-01-05T08:01:00Z\",\"amount\":\"999.99\","
                                + "\"currency\":\"USD\",\"merchantId\":\"web\",\"mcc\":\"5732\","
                                + "\"channel\":\"ECOM\"}");
        assertThat(labels("labels.jsonl"))
                .singleElement()
                .satisfies(l -> assertThat(l.scenario()).isEqualTo("unspecified"));
    }

    @Test
    void aHeaderWithoutAMappedColumnIsRefusedWithTheColumnsItHas() throws IOException {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "id,card,amount\n1,2,3\n");

        Txgen.Result result =
                Txgen.run(
                        "replay",
                        csv.toString(),
                        "--progress",
                        "off",
                        "--out",
                        dir.resolve("o").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("the header lacks TRANSACTION_ID (transactionId)")
                .contains("its columns are id,card,amount")
                .contains("--column field=COLUMN");
    }

    @Test
    void limitStopsAfterThatManyTransactions() throws IOException {
        Txgen.Result result = replay("handbook-sample.csv", "--limit", "50");

        assertThat(result.exitCode()).isZero();
        assertThat(lines("tx.jsonl")).hasSize(50);
    }

    private List<GroundTruth> labels(String file) throws IOException {
        List<GroundTruth> out = new ArrayList<>();
        for (String line : lines(file)) {
            out.add(GroundTruthCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
