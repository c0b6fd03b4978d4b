package io.fraudstream.model.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fraudstream.model.features.Feature;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir Path dir;

    /** One stump on the amount: below 100 to -2, else +2, missing goes left. */
    private static final String STUMP =
            "{\"feature\":[0,-1,-1],\"threshold\":[100,0,0],\"left\":[1,-1,-1],"
                    + "\"right\":[2,-1,-1],\"defaultLeft\":[true,false,false],"
                    + "\"value\":[0.0,-2.0,2.0]}";

    private static String model(String features, String trees) {
        return "{\"format\":\"fraudstream-model\",\"formatVersion\":1,\"modelVersion\":\"test-1\","
                + "\"kind\":\"gradient-boosted-trees\",\"features\":"
                + features
                + ",\"baseMargin\":0.5,\"trees\":"
                + trees
                + ",\"featureOptions\":{\"feedback.label-delay\":\"7 d\"}}";
    }

    private static String allFeatures() {
        return Feature.ids().stream()
                .map(f -> "\"" + f + "\"")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static ModelFile.Loaded read(String json) {
        return ModelFile.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "m.json");
    }

    @Test
    void scoresAndExplainsWithTheTreesOfTheFile() {
        ModelFile.Loaded loaded = read(model(allFeatures(), "[" + STUMP + "," + STUMP + "]"));
        TreeModel model = loaded.model();
        double[] x = new double[Feature.COUNT];
        double[] contributions = new double[Feature.COUNT];

        x[0] = 50;
        assertThat(model.margin(x)).isEqualTo(0.5 - 4);
        x[0] = 150;
        assertThat(model.score(x)).isCloseTo(1 / (1 + Math.exp(-4.5)), within(1e-12));
        assertThat(model.explain(x, contributions)).isEqualTo(4.5);
        assertThat(contributions[0]).isEqualTo(4);
        assertThat(model.bias() + Arrays.stream(contributions).sum()).isEqualTo(4.5);
        x[0] = Double.NaN;
        assertThat(model.margin(x)).as("missing goes the default way").isEqualTo(-3.5);
        assertThat(loaded.modelVersion()).isEqualTo("test-1");
        assertThat(loaded.featureOptions()).containsEntry("feedback.label-delay", "7 d");
    }

    @Test
    void comparesInSinglePrecisionAsXgboostDoes() {
        TreeModel model =
                read(model(allFeatures(), "[" + STUMP.replace("[100,", "[100.000001,") + "]"))
                        .model();
        double[] x = new double[Feature.COUNT];
        x[0] = 100.0000001; // below the double threshold, equal to it as floats

        assertThat(model.margin(x)).isEqualTo(2.5);
    }

    @Test
    void writesWhatItReads() throws Exception {
        Path file = dir.resolve("m.json");
        ModelFile.write(
                file,
                "written-1",
                -1.5,
                List.of(
                        new ModelFile.Tree(
                                new int[] {0, -1, -1},
                                new float[] {100, 0, 0},
                                new int[] {1, -1, -1},
                                new int[] {2, -1, -1},
                                new boolean[] {true, false, false},
                                new double[] {0, -2, 2})),
                Map.of("feedback.label-delay", "7 d"),
                JsonNodeFactory.instance.objectNode().put("seed", 1));

        ModelFile.Loaded loaded = ModelFile.read(file);
        double[] x = new double[Feature.COUNT];
        x[0] = 150;

        assertThat(loaded.model().margin(x)).isEqualTo(0.5);
        assertThat(loaded.training().path("seed").asInt()).isEqualTo(1);
        assertThat(Files.readAllLines(file))
                .anyMatch(line -> line.contains("\"feature\" : [ 0, -1, -1 ]"));
    }

    @Test
    void refusesATreeDeeperThanTheScorerLaysOut() {
        // a chain: split 2k sends left to leaf 2k + 1 and right to split 2k + 2
        int splits = ModelFile.MAX_DEPTH + 1;
        StringBuilder feature = new StringBuilder();
        StringBuilder left = new StringBuilder();
        StringBuilder right = new StringBuilder();
        StringBuilder rest = new StringBuilder();
        int nodes = 2 * splits + 1;
        for (int i = 0; i < nodes; i++) {
            boolean split = i % 2 == 0 && i < 2 * splits;
            String sep = i == 0 ? "" : ",";
            feature.append(sep).append(split ? 0 : -1);
            left.append(sep).append(split ? i + 1 : -1);
            right.append(sep).append(split ? i + 2 : -1);
            rest.append(sep).append("0");
        }
        String values = "[" + rest + "]";
        String tree =
                "{\"feature\":["
                        + feature
                        + "],\"threshold\":"
                        + values
                        + ",\"left\":["
                        + left
                        + "],\"right\":["
                        + right
                        + "],\"defaultLeft\":"
                        + values.replace("0", "false")
                        + ",\"value\":"
                        + values
                        + "}";

        assertThatThrownBy(() -> read(model(allFeatures(), "[" + tree + "]")))
                .isInstanceOf(ModelException.class)
                .hasMessage(
                        "m.json: trees[0]: node "
                                + 2 * ModelFile.MAX_DEPTH
                                + " is deeper than "
                                + ModelFile.MAX_DEPTH
                                + " levels");
    }

    @Test
    void refusesWhatItCannotServeNamingThePath() {
        assertThatThrownBy(() -> read("{\"format\":"))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("m.json: not valid JSON");
        assertThatThrownBy(
                        () ->
                                read(
                                        model(allFeatures(), "[" + STUMP + "]")
                                                .replace(
                                                        "\"formatVersion\":1",
                                                        "\"formatVersion\":2")))
                .hasMessageStartingWith(
                        "m.json: formatVersion: this job reads version 1, the file is version 2");
        assertThatThrownBy(
                        () ->
                                read(
                                        model(
                                                allFeatures()
                                                        .replace("\"amount\"", "\"amount.usd\""),
                                                "[" + STUMP + "]")))
                .hasMessageStartingWith("m.json: features[0]: unknown feature \"amount.usd\"");
        assertThatThrownBy(() -> read(model("[\"amount\"]", "[" + STUMP + "]")))
                .hasMessageStartingWith(
                        "m.json: features: lists 1 features, this job computes " + Feature.COUNT);
        assertThatThrownBy(
                        () ->
                                read(
                                        model(
                                                allFeatures(),
                                                "["
                                                        + STUMP.replace(
                                                                "\"left\":[1,", "\"left\":[0,")
                                                        + "]")))
                .hasMessage("m.json: trees[0]: node 0 has child 0, must be in (0, 3)");
        assertThatThrownBy(
                        () ->
                                read(
                                        model(
                                                allFeatures(),
                                                "["
                                                        + STUMP.replace("[0,-1,-1]", "[99,-1,-1]")
                                                        + "]")))
                .hasMessageStartingWith("m.json: trees[0].feature[0]: no feature 99");
        assertThatThrownBy(
                        () ->
                                read(
                                        model(
                                                allFeatures(),
                                                "["
                                                        + STUMP.replace(
                                                                "[0.0,-2.0,2.0]", "[0.0,-2.0]")
                                                        + "]")))
                .hasMessage("m.json: trees[0].value: has 2 entries, the tree has 3 nodes");
        assertThatThrownBy(() -> read(model(allFeatures(), "[]")))
                .hasMessageStartingWith("m.json: trees: must be an array of 1 to");
        assertThatThrownBy(
                        () ->
                                read(
                                        model(allFeatures(), "[" + STUMP + "]")
                                                .replace(
                                                        "\"kind\":\"gradient-boosted-trees\"",
                                                        "\"kind\":\"forest\"")))
                .hasMessage("m.json: kind: must be \"gradient-boosted-trees\", was \"forest\"");
        assertThatThrownBy(() -> read("{\"format\":\"x\",\"format\":\"y\"}"))
                .hasMessageContaining("Duplicate field 'format'");
    }
}
