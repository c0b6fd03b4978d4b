package io.fraudstream.txgen.replay;

import io.fraudstream.events.GroundTruth;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TextRules;
import io.fraudstream.events.Transaction;
import io.fraudstream.txgen.Scenario;
import io.fraudstream.txgen.replay.ColumnMapping.Field;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads transactions and their ground truth from CSV lines: a header, then one transaction per
 * line, mapped by a {@link ColumnMapping}. A line that is not a valid transaction is reported as a
 * {@link MalformedLine} with its number; reading goes on with the next line.
 */
final class CsvTransactions {

    /** A transaction with its ground truth ({@code fraud} null when the CSV has none). */
    record Row(long line, Transaction transaction, Boolean fraud, String scenario) {}

    /** Scenario of a fraud the CSV does not name. */
    static final String UNSPECIFIED_SCENARIO = "unspecified";

    private final BufferedReader lines;
    private final char delimiter;
    private final TimestampFormat timestampFormat;
    private final ZoneId zone;
    private final String currency;
    private final int[] column;
    private final int columnsNeeded;
    private long lineNumber;

    /**
     * Reads the header.
     *
     * @throws IllegalArgumentException when the input is empty or lacks mapped columns
     */
    CsvTransactions(
            BufferedReader lines,
            ColumnMapping mapping,
            char delimiter,
            TimestampFormat timestampFormat,
            ZoneId zone,
            String currency)
            throws IOException {
        this.lines = lines;
        this.delimiter = delimiter;
        this.timestampFormat = timestampFormat;
        this.zone = zone;
        this.currency = currency;
        String header = lines.readLine();
        lineNumber = 1;
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("it is empty; expected a header line first");
        }
        if (header.charAt(0) == '\uFEFF') {
            header = header.substring(1);
        }
        this.column = mapping.resolve(CsvLine.split(header, delimiter));
        int max = -1;
        for (int c : column) {
            max = Math.max(max, c);
        }
        this.columnsNeeded = max + 1;
    }

    /** Whether the CSV carries ground truth. */
    boolean labelled() {
        return column[Field.FRAUD.ordinal()] >= 0;
    }

    /**
     * The next transaction, or null at the end; blank lines are skipped.
     *
     * @throws MalformedLine for a line that is not a valid transaction
     */
    Row next() throws IOException, MalformedLine {
        String line;
        do {
            line = lines.readLine();
            lineNumber++;
            if (line == null) {
                return null;
            }
        } while (line.isBlank());
        List<String> fields;
        try {
            fields = CsvLine.split(line, delimiter);
        } catch (IllegalArgumentException e) {
            throw new MalformedLine(lineNumber, e.getMessage());
        }
        if (fields.size() < columnsNeeded) {
            throw new MalformedLine(
                    lineNumber,
                    "expected at least " + columnsNeeded + " fields, found " + fields.size());
        }
        try {
            Transaction tx =
                    new Transaction(
                            text(fields, Field.TRANSACTION_ID),
                            text(fields, Field.ACCOUNT_ID),
                            timestamp(fields),
                            amount(fields),
                            column[Field.CURRENCY.ordinal()] >= 0
                                    ? text(fields, Field.CURRENCY)
                                    : currency,
                            text(fields, Field.MERCHANT_ID),
                            text(fields, Field.TERMINAL_ID),
                            text(fields, Field.MCC),
                            text(fields, Field.COUNTRY),
                            number(fields, Field.LAT),
                            number(fields, Field.LON),
                            channel(fields));
            Boolean fraud = fraud(fields);
            String scenario = fraud == null ? null : fraud ? scenario(fields) : GroundTruth.GENUINE;
            return new Row(lineNumber, tx, fraud, scenario);
        } catch (InvalidEventException | IllegalArgumentException e) {
            throw new MalformedLine(lineNumber, e.getMessage());
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    /** The field's text, or null when unmapped or empty. */
    private String text(List<String> fields, Field f) {
        int c = column[f.ordinal()];
        if (c < 0) {
            return null;
        }
        String value = fields.get(c);
        return value.isEmpty() ? null : value;
    }

    private Instant timestamp(List<String> fields) {
        String value = text(fields, Field.TIMESTAMP);
        if (value == null) {
            throw new InvalidEventException("timestamp", "required, the column is empty");
        }
        try {
            return timestampFormat.parse(value, zone);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("timestamp", e.getMessage());
        }
    }

    private BigDecimal amount(List<String> fields) {
        String value = text(fields, Field.AMOUNT);
        if (value == null) {
            throw new InvalidEventException("amount", "required, the column is empty");
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidEventException(
                    "amount", "not a decimal number, was \"" + value + "\"");
        }
    }

    private Double number(List<String> fields, Field f) {
        String value = text(fields, f);
        if (value == null) {
            return null;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidEventException(f.fieldName, "not a number, was \"" + value + "\"");
        }
    }

    private Transaction.Channel channel(List<String> fields) {
        String value = text(fields, Field.CHANNEL);
        if (value == null) {
            return null;
        }
        for (Transaction.Channel c : Transaction.Channel.values()) {
            if (c.name().equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw new InvalidEventException(
                "channel", "not one of POS, ECOM, ATM, was \"" + value + "\"");
    }

    private Boolean fraud(List<String> fields) {
        if (column[Field.FRAUD.ordinal()] < 0) {
            return null;
        }
        String value = text(fields, Field.FRAUD);
        if ("1".equals(value) || "true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("0".equals(value) || "false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException(
                "fraud: not 0, 1, true or false, was "
                        + (value == null ? "empty" : "\"" + value + "\""));
    }

    /** The scenario of a fraud: a name as given, the handbook's 1 to 3 as their names. */
    private String scenario(List<String> fields) {
        String value = text(fields, Field.SCENARIO);
        if (value == null || value.equals("0")) {
            return UNSPECIFIED_SCENARIO;
        }
        if (value.length() == 1 && value.charAt(0) >= '1' && value.charAt(0) <= '3') {
            return Scenario.ofHandbookNumber(value.charAt(0) - '0').wireName();
        }
        if (value.equals(GroundTruth.GENUINE)) {
            throw new IllegalArgumentException(
                    "scenario: a fraud cannot be " + GroundTruth.GENUINE);
        }
        // A label's scenario is an identifier of the contract: refuse the line, not the label.
        return TextRules.identifier("scenario", value, TextRules.MAX_ID_LENGTH);
    }
}
