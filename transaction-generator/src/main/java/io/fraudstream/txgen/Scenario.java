package io.fraudstream.txgen;

import io.fraudstream.events.GroundTruth;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fraud scenarios txgen injects or replays. {@link #wireName()} is the {@code scenario} of a
 * {@link GroundTruth} label, stable across releases because the scorer groups results by it.
 */
public enum Scenario {
    /** Small online probes (under 2.00) to check a stolen card works, then large purchases. */
    CARD_TESTING("card-testing", false),
    /** A spree of purchases several times the cardholder's usual amounts, over hours. */
    COMPROMISED_CARD("compromised-card", false),
    /** A skimmed terminal: many cards defrauded at the same terminal over days. */
    COMPROMISED_TERMINAL("compromised-terminal", false),
    /** A card-present purchase in another country, too far from the previous one to travel. */
    IMPOSSIBLE_TRAVEL("impossible-travel", false),
    /** Many purchases on one card within minutes. */
    VELOCITY_BURST("velocity-burst", false),
    /** Handbook scenario 1: a purchase above 220.00. */
    HANDBOOK_HIGH_AMOUNT("handbook-high-amount", true),
    /** Handbook scenario 2: every transaction at a terminal for 28 days. */
    HANDBOOK_COMPROMISED_TERMINAL("handbook-compromised-terminal", true),
    /** Handbook scenario 3: for 14 days a third of a card's transactions, amount times 5. */
    HANDBOOK_COMPROMISED_CARD("handbook-compromised-card", true);

    private final String wireName;
    private final boolean handbook;

    Scenario(String wireName, boolean handbook) {
        this.wireName = wireName;
        this.handbook = handbook;
    }

    /** The label value, such as {@code card-testing}. */
    public String wireName() {
        return wireName;
    }

    /** Whether this is one of the three scenarios of the fraud-detection handbook's simulator. */
    public boolean handbook() {
        return handbook;
    }

    /** The five scenarios of txgen's own design, the default mix. */
    public static List<Scenario> synthetic() {
        return Arrays.stream(values()).filter(s -> !s.handbook).toList();
    }

    /** The handbook's scenarios, in the order of its numbering (1, 2, 3). */
    public static List<Scenario> handbookScenarios() {
        return Arrays.stream(values()).filter(s -> s.handbook).toList();
    }

    /**
     * The handbook scenario with this number ({@code TX_FRAUD_SCENARIO} 1, 2 or 3).
     *
     * @throws IllegalArgumentException for any other number
     */
    public static Scenario ofHandbookNumber(int number) {
        return switch (number) {
            case 1 -> HANDBOOK_HIGH_AMOUNT;
            case 2 -> HANDBOOK_COMPROMISED_TERMINAL;
            case 3 -> HANDBOOK_COMPROMISED_CARD;
            default ->
                    throw new IllegalArgumentException(
                            "not a handbook fraud scenario (1, 2 or 3): " + number);
        };
    }

    /**
     * The scenario with this wire name.
     *
     * @throws IllegalArgumentException naming the known scenarios when there is none
     */
    public static Scenario ofWireName(String name) {
        for (Scenario s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "unknown scenario '" + name + "'; known: " + wireNames(List.of(values())));
    }

    static String wireNames(List<Scenario> scenarios) {
        return scenarios.stream().map(Scenario::wireName).collect(Collectors.joining(", "));
    }
}
