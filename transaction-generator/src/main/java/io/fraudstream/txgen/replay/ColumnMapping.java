package io.fraudstream.txgen.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which CSV column feeds which transaction field (and the two label fields). The defaults read the
 * handbook's format; {@code --column field=COLUMN} changes one, {@code --column field=} drops one.
 */
public final class ColumnMapping {

    /** The fields a column can feed, by their names in the event contract. */
    public enum Field {
        TRANSACTION_ID("transactionId", true),
        ACCOUNT_ID("accountId", true),
        TIMESTAMP("timestamp", true),
        AMOUNT("amount", true),
        CURRENCY("currency", false),
        MERCHANT_ID("merchantId", false),
        TERMINAL_ID("terminalId", false),
        MCC("mcc", false),
        COUNTRY("country", false),
        LAT("lat", false),
        LON("lon", false),
        CHANNEL("channel", false),
        /** Ground truth: 1/0 or true/false. Never copied into the transaction. */
        FRAUD("fraud", false),
        /** Ground truth: a scenario name, or the handbook's number 1 to 3. */
        SCENARIO("scenario", false);

        final String fieldName;
        final boolean required;

        Field(String fieldName, boolean required) {
            this.fieldName = fieldName;
            this.required = required;
        }

        static Field of(String name) {
            for (Field f : values()) {
                if (f.fieldName.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException(
                    "unknown field '"
                            + name
                            + "'; fields: "
                            + Arrays.stream(values())
                                    .map(f -> f.fieldName)
                                    .collect(Collectors.joining(", ")));
        }
    }

    /** The handbook's columns (Fraud-Detection-Handbook simulated data). */
    static final Map<Field, String> HANDBOOK =
            Map.of(
                    Field.TRANSACTION_ID, "TRANSACTION_ID",
                    Field.TIMESTAMP, "TX_DATETIME",
                    Field.ACCOUNT_ID, "CUSTOMER_ID",
                    Field.TERMINAL_ID, "TERMINAL_ID",
                    Field.AMOUNT, "TX_AMOUNT",
                    Field.FRAUD, "TX_FRAUD",
                    Field.SCENARIO, "TX_FRAUD_SCENARIO");

    private final Map<Field, String> columns;
    private final Map<Field, Boolean> explicit;

    private ColumnMapping(Map<Field, String> columns, Map<Field, Boolean> explicit) {
        this.columns = columns;
        this.explicit = explicit;
    }

    /**
     * The handbook mapping changed by {@code overrides} (field name to column; an empty column
     * drops the field).
     *
     * @throws IllegalArgumentException for an unknown field or a required field dropped
     */
    public static ColumnMapping handbookWith(Map<String, String> overrides) {
        Map<Field, String> columns = new EnumMap<>(HANDBOOK);
        Map<Field, Boolean> explicit = new EnumMap<>(Field.class);
        overrides.forEach(
                (name, column) -> {
                    Field f = Field.of(name.strip());
                    if (column.isBlank()) {
                        if (f.required) {
                            throw new IllegalArgumentException(
                                    f.fieldName + " is required and cannot be dropped");
                        }
                        columns.remove(f);
                    } else {
                        columns.put(f, column.strip());
                        explicit.put(f, true);
                    }
                });
        return new ColumnMapping(columns, explicit);
    }

    /**
     * The column index of each field in this header, -1 for none. A default column the header lacks
     * is dropped quietly (so another CSV need not undo every default), except a required one; a
     * column given explicitly must exist.
     *
     * @throws IllegalArgumentException naming the missing columns and the header's columns
     */
    int[] resolve(List<String> header) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i).strip(), i);
        }
        int[] out = new int[Field.values().length];
        Arrays.fill(out, -1);
        List<String> missing = new ArrayList<>();
        columns.forEach(
                (field, column) -> {
                    Integer i = index.get(column);
                    if (i != null) {
                        out[field.ordinal()] = i;
                    } else if (field.required || explicit.containsKey(field)) {
                        missing.add(column + " (" + field.fieldName + ")");
                    }
                });
        for (Field f : Field.values()) {
            if (f.required && !columns.containsKey(f)) {
                missing.add("a column for " + f.fieldName);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "the header lacks "
                            + String.join(", ", missing)
                            + "; its columns are "
                            + String.join(",", header)
                            + "; map fields with --column field=COLUMN");
        }
        return out;
    }
}
