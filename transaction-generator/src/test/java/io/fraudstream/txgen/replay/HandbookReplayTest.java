package io.fraudstream.txgen.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.GroundTruthCodec;
import io.fraudstream.txgen.Txgen;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays the whole shared handbook file (537,445 transactions). The file lives beside the
 * repository, not in it: set {@code -Dfraudstream.handbook=PATH}, or keep it at {@code
 * ../shared/data/} relative to the repository; without it the test is skipped.
 */
class HandbookReplayTest {

    private static final String FILE_NAME = "handbook-2018-04-01_2018-05-26.csv.gz";

    @TempDir Path dir;

    static Path handbook() {
        String property = System.getProperty("fraudstream.handbook");
        if (property != null) {
            return Path.of(property);
        }
        // Surefire runs in the module directory; the repository is its parent.
        return Path.of("")
                .toAbsolutePath()
                .getParent()
                .resolveSibling("shared")
                .resolve("data")
                .resolve(FILE_NAME);
    }

    @Test
    void replaysEveryTransactionWithTheHandbooksFraudCounts() throws IOException {
        Path file = handbook();
        assumeTrue(
                Files.isRegularFile(file),
                "the handbook data set is not at "
                        + file
                        + "; set -Dfraudstream.handbook=PATH to run this test");

        Txgen.Result result =
                Txgen.run(
                        "replay",
                        file.toString(),
                        "--progress",
                        "off",
                        "--out",
                        dir.resolve("tx.jsonl").toString(),
                        "--labels",
                        dir.resolve("labels.jsonl").toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("done: 537,445 transactions")
                .contains("fraud        3,932")
                .contains("malformed    0 lines skipped");
        Map<String, Integer> byScenario = new TreeMap<>();
        try (BufferedReader labels = Files.newBufferedReader(dir.resolve("labels.jsonl"))) {
            for (String line = labels.readLine(); line != null; line = labels.readLine()) {
                GroundTruth label =
                        GroundTruthCodec.INSTANCE.decode(line.getBytes(StandardCharsets.UTF_8));
                byScenario.merge(label.scenario(), 1, Integer::sum);
            }
        }
        assertThat(byScenario)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "handbook-high-amount", 296,
                                "handbook-compromised-terminal", 2313,
                                "handbook-compromised-card", 1323));
    }
}
