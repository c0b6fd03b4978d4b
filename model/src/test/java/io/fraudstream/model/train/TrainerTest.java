package io.fraudstream.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.scoring.TreeModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The converted model scores exactly as XGBoost does, and training is reproducible. */
class TrainerTest {

    @TempDir Path dir;

    private static final int ROWS = 4000;

    /** Fraud when the amount is high and the terminal has frauds; a few values missing. */
    private static float[][] data(long seed) {
        Random random = new Random(seed);
        float[] rows = new float[ROWS * Feature.COUNT];
        float[] labels = new float[ROWS];
        for (int r = 0; r < ROWS; r++) {
            for (int f = 0; f < Feature.COUNT; f++) {
                rows[r * Feature.COUNT + f] =
                        random.nextInt(20) == 0 ? Float.NaN : (float) random.nextGaussian();
            }
            float amount = (float) (random.nextDouble() * 500);
            float frauds = random.nextInt(3);
            rows[r * Feature.COUNT + Feature.AMOUNT.ordinal()] = amount;
            rows[r * Feature.COUNT + Feature.TERMINAL_FRAUDS_7D.ordinal()] = frauds;
            double p = 1 / (1 + Math.exp(-(amount / 100 - 3 + 1.5 * frauds)));
            labels[r] = random.nextDouble() < p ? 1 : 0;
        }
        return new float[][] {rows, labels};
    }

    private static final Trainer.Settings SETTINGS = new Trainer.Settings(40, 4, 0.3, 0.8, 0.8, 7);

    @Test
    void theConvertedTreesGiveXgboostsMarginsAndPlainJavaExplainsThem() throws Exception {
        float[][] data = data(1);

        Trainer.Model trained = Trainer.train(data[0], data[1], SETTINGS);
        Path file = dir.resolve("m.json");
        ModelFile.write(
                file,
                "t",
                trained.baseMargin(),
                trained.trees(),
                Map.of(),
                JsonNodeFactory.instance.objectNode());
        TreeModel model = ModelFile.read(file).model();

        // XGBoost's own margins for the same rows, from a booster trained identically.
        DMatrix matrix = new DMatrix(data[0], ROWS, Feature.COUNT, Float.NaN);
        matrix.setLabel(data[1]);
        Booster booster =
                XGBoost.train(
                        matrix,
                        Map.of(
                                "objective",
                                "binary:logistic",
                                "max_depth",
                                4,
                                "eta",
                                0.3,
                                "subsample",
                                0.8,
                                "colsample_bytree",
                                0.8,
                                "min_child_weight",
                                1,
                                "tree_method",
                                "hist",
                                "seed",
                                7L,
                                "nthread",
                                1,
                                "verbosity",
                                0),
                        40,
                        Map.of(),
                        null,
                        null);
        float[][] margins = booster.predict(matrix, true);
        double[] x = new double[Feature.COUNT];
        double[] contributions = new double[Feature.COUNT];
        for (int r = 0; r < ROWS; r++) {
            for (int f = 0; f < Feature.COUNT; f++) {
                x[f] = data[0][r * Feature.COUNT + f];
            }
            assertThat(model.margin(x)).as("row " + r).isCloseTo(margins[r][0], within(1e-4));
            double explained = model.explain(x, contributions);
            double sum = model.bias();
            for (double c : contributions) {
                sum += c;
            }
            assertThat(sum).isCloseTo(explained, within(1e-9));
        }
        assertThat(model.trees()).isEqualTo(40);
    }

    @Test
    void theSameDataAndSeedGiveTheSameModel() throws Exception {
        float[][] data = data(2);

        Trainer.Model first = Trainer.train(data[0], data[1], SETTINGS);
        Trainer.Model second = Trainer.train(data[0], data[1], SETTINGS);

        assertThat(second.baseMargin()).isEqualTo(first.baseMargin());
        assertThat(second.trees())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(first.trees());
    }
}
