package io.fraudstream.model.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.model.features.Feature;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.scoring.TreeModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees for fraud, trained with XGBoost (Apache 2.0) and converted to the model
 * file's plain arrays, so that serving needs neither XGBoost nor native code. Each node's value is
 * kept (a leaf's weight; for a split, the cover-weighted mean of the leaves below it), which is
 * what the job's attribution of contributions reads.
 */
public final class Trainer {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The booster's settings.
     *
     * @param rounds trees to grow
     * @param maxDepth deepest split
     * @param eta learning rate
     * @param subsample share of rows each tree sees
     * @param columns share of features each tree sees
     * @param seed the random seed: the same data and settings give the same model
     */
    public record Settings(
            int rounds, int maxDepth, double eta, double subsample, double columns, long seed) {}

    /** A trained ensemble, as the model file holds it. */
    public record Model(double baseMargin, List<ModelFile.Tree> trees) {

        /** The trees in the form the job scores with. */
        public TreeModel treeModel() {
            return ModelFile.assemble(baseMargin, trees);
        }
    }

    private Trainer() {}

    /**
     * Trains on {@code rows} (row-major, {@link Feature#COUNT} values a row, {@code NaN} missing)
     * with labels 1 (fraud) and 0.
     */
    public static Model train(float[] rows, float[] labels, Settings settings) throws IOException {
        int n = labels.length;
        try {
            DMatrix data = new DMatrix(rows, n, Feature.COUNT, Float.NaN);
            data.setLabel(labels);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", "binary:logistic");
            params.put("eval_metric", "aucpr");
            params.put("max_depth", settings.maxDepth());
            params.put("eta", settings.eta());
            params.put("subsample", settings.subsample());
            params.put("colsample_bytree", settings.columns());
            params.put("min_child_weight", 1);
            params.put("tree_method", "hist");
            params.put("seed", settings.seed());
            // One thread: the same data and seed give the same trees on any machine.
            params.put("nthread", 1);
            params.put("verbosity", 0);
            Booster booster = XGBoost.train(data, params, settings.rounds(), Map.of(), null, null);
            Model model = convert(JSON.readTree(booster.toByteArray("json")));
            booster.dispose();
            data.dispose();
            return model;
        } catch (XGBoostError e) {
            throw new IOException("XGBoost failed: " + e.getMessage(), e);
        }
    }

    /** Reads XGBoost's JSON model into the model file's arrays. */
    static Model convert(JsonNode xgboost) {
        JsonNode learner = xgboost.path("learner");
        String base = learner.path("learner_model_param").path("base_score").asText();
        double baseScore = Double.parseDouble(base.replace("[", "").replace("]", ""));
        double baseMargin = Math.log(baseScore / (1 - baseScore));
        List<ModelFile.Tree> trees = new ArrayList<>();
        for (JsonNode tree : learner.path("gradient_booster").path("model").path("trees")) {
            trees.add(tree(tree));
        }
        return new Model(baseMargin, trees);
    }

    private static ModelFile.Tree tree(JsonNode tree) {
        int n = tree.path("left_children").size();
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] left = new int[n];
        int[] right = new int[n];
        boolean[] defaultLeft = new boolean[n];
        double[] value = new double[n];
        double[] cover = new double[n];
        for (int i = 0; i < n; i++) {
            left[i] = tree.path("left_children").get(i).asInt();
            right[i] = tree.path("right_children").get(i).asInt();
            cover[i] = tree.path("sum_hessian").get(i).asDouble();
            boolean leaf = left[i] < 0;
            feature[i] = leaf ? -1 : tree.path("split_indices").get(i).asInt();
            double condition = tree.path("split_conditions").get(i).asDouble();
            threshold[i] = leaf ? 0 : (float) condition;
            value[i] = leaf ? condition : 0;
            defaultLeft[i] = !leaf && tree.path("default_left").get(i).asInt() != 0;
            if (leaf) {
                left[i] = -1;
                right[i] = -1;
            }
        }
        // Children come after their parents in XGBoost's numbering: fill split values bottom-up.
        for (int i = n - 1; i >= 0; i--) {
            if (feature[i] >= 0) {
                double total = cover[left[i]] + cover[right[i]];
                value[i] =
                        total > 0
                                ? (cover[left[i]] * value[left[i]]
                                                + cover[right[i]] * value[right[i]])
                                        / total
                                : (value[left[i]] + value[right[i]]) / 2;
            }
        }
        return new ModelFile.Tree(feature, threshold, left, right, defaultLeft, value);
    }
}
