package io.fraudstream.job.score;

import io.fraudstream.events.Durations;
import io.fraudstream.events.config.ConfigException;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobOptions;
import io.fraudstream.model.config.FeatureOptions;
import io.fraudstream.model.scoring.ModelException;
import io.fraudstream.model.scoring.ModelFile;
import io.fraudstream.model.scoring.Scorer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the model named by {@code model.path} when the job is built (on the client, at {@code flink
 * run}), so the parsed model travels inside the job graph and no TaskManager needs the file. {@code
 * ""} is the default bundled in the jar, {@code none} the detectors alone.
 */
public final class Models {

    /** The bundled default model: trained on {@code txgen generate} traffic. */
    public static final String BUNDLED = "/models/generator.json";

    public static final String NONE = "none";

    private Models() {}

    /** The scorer of the configured model; a bad model fails naming {@code model.path}. */
    public static Scorer scorer(FraudJobConfig config) {
        String path = config.modelPath();
        double review = config.scoring().flagThreshold();
        double decline = config.scoring().blockThreshold();
        if (path.equalsIgnoreCase(NONE)) {
            return new Scorer(config.ruleVersion(), null, review, decline);
        }
        ModelFile.Loaded loaded;
        try {
            loaded = path.isEmpty() ? bundled() : ModelFile.read(Path.of(path));
        } catch (ModelException e) {
            throw new ConfigException(JobOptions.MODEL_PATH + ": " + e.getMessage());
        }
        checkFeatureOptions(config, loaded.featureOptions());
        return new Scorer(loaded.modelVersion(), loaded.model(), review, decline);
    }

    private static ModelFile.Loaded bundled() {
        try (InputStream in = Models.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new ModelException("the job jar has no bundled model " + BUNDLED);
            }
            return ModelFile.read(in, "the bundled model " + BUNDLED);
        } catch (IOException e) {
            throw new ModelException("cannot read the bundled model: " + e.getMessage());
        }
    }

    /**
     * A model learned features shaped by the profile half-life, the label delay and the visibility
     * lag: serving it with others would feed it numbers it never saw.
     */
    private static void checkFeatureOptions(FraudJobConfig config, Map<String, String> trained) {
        Map<String, String> serving =
                Map.of(
                        FeatureOptions.PROFILE_HALF_LIFE,
                        Durations.exact(config.detectors().profileHalfLife()),
                        FeatureOptions.FEEDBACK_LABEL_DELAY,
                        Durations.exact(config.feedback().settings().labelDelay()),
                        FeatureOptions.FEEDBACK_VISIBILITY_LAG,
                        Durations.exact(config.feedback().settings().visibilityLag()));
        for (String key : FeatureOptions.SHAPING) {
            String was = trained.get(key);
            if (was != null && !Durations.exact(Durations.parse(was)).equals(serving.get(key))) {
                throw new ConfigException(
                        JobOptions.MODEL_PATH
                                + ": the model was trained with "
                                + key
                                + " "
                                + was
                                + ", the job runs "
                                + serving.get(key)
                                + "; set "
                                + key
                                + " to "
                                + was
                                + " or retrain the model");
            }
        }
    }
}
