package io.fraudstream.txgen.sim;

import io.fraudstream.txgen.Scenario;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which fraud scenarios to inject and in what proportion of the fraudulent transactions, parsed
 * from a list such as {@code card-testing:2,velocity-burst,handbook}.
 */
public final class ScenarioMix {

    /** Stands for the five synthetic scenarios in a list. */
    public static final String SYNTHETIC = "synthetic";

    /** Stands for the three handbook scenarios in a list. */
    public static final String HANDBOOK = "handbook";

    private final Map<Scenario, Double> weights;

    private ScenarioMix(Map<Scenario, Double> weights) {
        this.weights = Collections.unmodifiableMap(weights);
    }

    /** The default: the five synthetic scenarios, equally weighted. */
    public static ScenarioMix synthetic() {
        return parse(SYNTHETIC);
    }

    /**
     * Parses a comma-separated list of scenario names (or {@code synthetic}, {@code handbook}),
     * each optionally followed by {@code :weight}; a weight defaults to 1.
     *
     * @throws IllegalArgumentException naming the entry that is wrong and what is allowed
     */
    public static ScenarioMix parse(String text) {
        Map<Scenario, Double> weights = new EnumMap<>(Scenario.class);
        for (String entry : text.split(",", -1)) {
            String item = entry.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(
                        "empty entry in '" + text + "'; expected name[:weight],...");
            }
            int colon = item.indexOf(':');
            String name = colon < 0 ? item : item.substring(0, colon).strip();
            double weight = colon < 0 ? 1 : weight(item.substring(colon + 1).strip(), item);
            for (Scenario s : scenarios(name)) {
                if (weights.containsKey(s)) {
                    throw new IllegalArgumentException(
                            "scenario " + s.wireName() + " given twice in '" + text + "'");
                }
                if (weight > 0) {
                    weights.put(s, weight);
                }
            }
        }
        if (weights.isEmpty()) {
            throw new IllegalArgumentException(
                    "no scenario with a weight above 0 in '" + text + "'");
        }
        return new ScenarioMix(weights);
    }

    private static List<Scenario> scenarios(String name) {
        return switch (name) {
            case SYNTHETIC -> Scenario.synthetic();
            case HANDBOOK -> Scenario.handbookScenarios();
            default -> {
                try {
                    yield List.of(Scenario.ofWireName(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            e.getMessage() + " (or " + SYNTHETIC + ", " + HANDBOOK + ")");
                }
            }
        };
    }

    private static double weight(String text, String entry) {
        try {
            double w = Double.parseDouble(text);
            if (w >= 0 && !Double.isInfinite(w)) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below with the entry
        }
        throw new IllegalArgumentException(
                "weight of '" + entry + "' must be a number >= 0, was '" + text + "'");
    }

    /** The scenarios with their share of the fraudulent transactions (summing to 1). */
    public Map<Scenario, Double> shares() {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<Scenario, Double> out = new EnumMap<>(Scenario.class);
        weights.forEach((s, w) -> out.put(s, w / total));
        return out;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        weights.forEach(
                (s, w) -> {
                    if (out.length() > 0) {
                        out.append(',');
                    }
                    out.append(s.wireName());
                    if (w != 1) {
                        out.append(':').append(w);
                    }
                });
        return out.toString();
    }
}
