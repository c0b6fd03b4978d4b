package io.fraudstream.txgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.events.Transaction;
import io.fraudstream.events.TransactionCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backtest on a file small enough to count by hand. */
class RulesCommandTest {

    @TempDir static Path dir;

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

    private static final String BURST =
            """
            {"id": "terminal-burst", "version": 1, "groupBy": ["terminalId"],
             "filter": {"all": [{"field": "amount", "op": ">=", "value": 100},
                                {"field": "channel", "op": "in", "value": ["POS", "ATM"]}]},
             "aggregate": {"function": "COUNT"}, "window": "10 min",
             "condition": {"op": ">", "threshold": 3}, "score": 0.7, "action": "FLAG",
             "cooldown": "30 min"}
            """;

    @BeforeAll
    static void history() throws IOException {
        List<String> tx = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        // T-1: five purchases of 150 from five cards, a minute apart; the 4th and 5th are fraud.
        for (int i = 1; i <= 5; i++) {
            tx.add(json(tx("t1-" + i, "card-" + i, i - 1, "150.00", "T-1")));
            labels.add(label("t1-" + i, "card-" + i, i - 1, i >= 4));
        }
        // T-2: four small purchases (under 100): never counted by the rule
        for (int i = 1; i <= 4; i++) {
            tx.add(json(tx("t2-" + i, "card-" + (10 + i), i, "20.00", "T-2")));
            labels.add(label("t2-" + i, "card-" + (10 + i), i, false));
        }
        Files.write(dir.resolve("tx.jsonl"), tx);
        Files.write(dir.resolve("labels.jsonl"), labels);
        Files.writeString(dir.resolve("burst.json"), BURST);
    }

    private static Transaction tx(
            String id, String account, int minute, String amount, String terminal) {
        return new Transaction(
                id,
                account,
                T0.plusSeconds(60L * minute),
                new BigDecimal(amount),
                "EUR",
                "m-1",
                terminal,
                "5411",
                "DE",
                null,
                null,
                Transaction.Channel.POS);
    }

    private static String json(Transaction tx) {
        return new String(TransactionCodec.INSTANCE.encode(tx), StandardCharsets.UTF_8);
    }

    private static String label(String id, String account, int minute, boolean fraud) {
        return new String(
                GroundTruthCodec.INSTANCE.encode(
                        new GroundTruth(
                                id,
                                account,
                                T0.plusSeconds(60L * minute),
                                fraud,
                                fraud ? "compromised-terminal" : GroundTruth.GENUINE,
                                "T-1",
                                null)),
                StandardCharsets.UTF_8);
    }

    @Test
    void countsHitsPrecisionRecallAndCardRecallAsByHand() {
        Txgen.Result r =
                Txgen.run(
                        "rules",
                        "test",
                        dir.resolve("burst.json").toString(),
                        "--transactions",
                        dir.resolve("tx.jsonl").toString(),
                        "--labels",
                        dir.resolve("labels.jsonl").toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        // one hit: the 4th purchase at T-1 (count 4 > 3); the 5th falls in the cooldown.
        // It is one of the two frauds (precision 1, recall 1/2); of the two defrauded cards,
        // card-4 is detected and card-5 is not (card recall 1/2).
        assertThat(r.out())
                .containsPattern(
                        "terminal-burst v1 +ACTIVE +1 +[0-9.]+ +1 +1\\.0000 +0\\.5000 +0\\.5000");
        assertThat(r.out()).containsPattern("terminal-burst +compromised-terminal +2 +1 +0\\.5000");
    }

    @Test
    void anInvalidRuleIsRefusedNamingFileAndField() throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, BURST.replace("\"10 min\"", "\"banana\""));

        Txgen.Result r =
                Txgen.run(
                        "rules",
                        "test",
                        bad.toString(),
                        "--transactions",
                        dir.resolve("tx.jsonl").toString(),
                        "--labels",
                        dir.resolve("labels.jsonl").toString());

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("bad.json: window: not a duration: \"banana\"");
    }
}
