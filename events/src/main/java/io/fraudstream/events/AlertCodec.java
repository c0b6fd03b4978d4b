package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * JSON codec of {@link Alert}, the value of the {@code fraud-alerts} topic. Use {@link #INSTANCE};
 * it is thread-safe and streams over the bytes with Jackson's parser.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {"alertId":"a-5f1c","accountId":"acct-42","transactionId":"t-9",
 *  "relatedTransactionIds":["t-5","t-7"],"eventTime":"2026-11-26T17:30:04.123Z",
 *  "detectedAt":"2026-11-26T17:30:04.200Z","score":0.91,"severity":"HIGH","action":"BLOCK",
 *  "reasons":[{"detector":"velocity","message":"6 transactions in 10 minutes","value":6.0,
 *  "threshold":5.0}],"ruleVersion":"rules-7","late":false,"terminalId":"term-77",
 *  "merchantId":"m-991"}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field<th>JSON type<th>rule
 *   <tr><td>{@code alertId}<td>string<td>required; an identifier (below)
 *   <tr><td>{@code accountId}<td>string<td>required; an identifier
 *   <tr><td>{@code transactionId}<td>string<td>required; an identifier
 *   <tr><td>{@code relatedTransactionIds}<td>array of strings<td>required, may be empty; at most
 *       {@value Alert#MAX_RELATED_TRANSACTIONS} identifiers
 *   <tr><td>{@code eventTime}<td>string<td>required; an ISO-8601 time (below)
 *   <tr><td>{@code detectedAt}<td>string<td>required; an ISO-8601 time
 *   <tr><td>{@code score}<td>number<td>required; in [0, 1]
 *   <tr><td>{@code severity}<td>string<td>required; {@code LOW}, {@code MEDIUM}, {@code HIGH} or
 *       {@code CRITICAL}, exactly so spelled
 *   <tr><td>{@code action}<td>string<td>required; {@code FLAG} or {@code BLOCK}
 *   <tr><td>{@code reasons}<td>array of objects<td>required; 1 to {@value Alert#MAX_REASONS}
 *       objects of {@code detector} (string, an identifier), {@code message} (string, non-blank,
 *       at most {@value Alert.Reason#MAX_MESSAGE_LENGTH} characters), {@code value} and {@code
 *       threshold} (finite numbers), all required, unknown fields ignored
 *   <tr><td>{@code ruleVersion}<td>string<td>required; an identifier
 *   <tr><td>{@code late}<td>boolean<td>optional, {@code false} when absent
 *   <tr><td>{@code terminalId}<td>string<td>optional; the triggering transaction's terminal
 *   <tr><td>{@code merchantId}<td>string<td>optional; the triggering transaction's merchant
 *   <tr><td>{@code amount}<td>number or string<td>optional; the triggering transaction's amount, as
 *       in the transaction contract (written as a string)
 *   <tr><td>{@code currency}<td>string<td>optional, required with {@code amount}; ISO 4217
 * </table>
 *
 * <h2>Validation</h2>
 *
 * <ul>
 *   <li>Input: one strict JSON object in UTF-8 (a leading byte-order mark is skipped), nothing but
 *       whitespace after it, at most {@value EventCodec#MAX_EVENT_BYTES} bytes, nested at most 32
 *       deep. Invalid UTF-8 and NUL bytes are rejected before parsing.
 *   <li>Unknown fields are skipped whatever their value, at the top level and in reasons. A known
 *       field given twice is rejected. {@code null} counts as absent.
 *   <li>Identifiers: JSON strings, non-blank, at most 256 UTF-16 code units, no control characters,
 *       no invisible or bidi format characters (category Cf, U+2028, U+2029), no unpaired
 *       surrogates.
 *   <li>Times: {@code yyyy-MM-ddTHH:mm:ss}, optionally {@code .} and 1 to 9 fraction digits, then
 *       {@code Z} or {@code ±HH:MM}; normalised to UTC; years 0000 to 9999.
 * </ul>
 *
 * <h2>Errors</h2>
 *
 * <p>{@link #decode} throws {@link InvalidEventException} and nothing else, for any input including
 * {@code null}. Its {@link InvalidEventException#field() field()} is the offending field, a path
 * inside arrays ({@code relatedTransactionIds[2]}, {@code reasons[0].threshold}), or {@code null}
 * when the input as a whole is at fault; its message is {@code "<field>: <reason>"}, for example
 * {@code score: must be in [0.0, 1.0], was 1.5} or {@code reasons: must not be empty}.
 *
 * <h2>Output</h2>
 *
 * <p>{@link #encode} writes the fields in the order above, always including {@code late} and the
 * (possibly empty) {@code relatedTransactionIds}; numbers in Java's shortest round-trip form, times
 * in UTC with {@code Z}. Decoding the output yields an equal alert, and encoding that again yields
 * the same bytes. An alert whose encoding would exceed the size limit (only conceivable with a
 * hundred 256-character non-ASCII ids) is refused with {@link IllegalArgumentException}.
 */
public final class AlertCodec extends JsonCodec<Alert> {

    /** The shared instance. */
    public static final AlertCodec INSTANCE = new AlertCodec();

    private enum Field {
        ALERT_ID("alertId"),
        ACCOUNT_ID("accountId"),
        TRANSACTION_ID("transactionId"),
        RELATED_TRANSACTION_IDS("relatedTransactionIds"),
        EVENT_TIME("eventTime"),
        DETECTED_AT("detectedAt"),
        SCORE("score"),
        SEVERITY("severity"),
        ACTION("action"),
        REASONS("reasons"),
        RULE_VERSION("ruleVersion"),
        LATE("late"),
        TERMINAL_ID("terminalId"),
        MERCHANT_ID("merchantId"),
        AMOUNT("amount"),
        CURRENCY("currency");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private enum ReasonField {
        DETECTOR("detector"),
        MESSAGE("message"),
        VALUE("value"),
        THRESHOLD("threshold");

        private final String json;

        ReasonField(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private static final FieldTable<ReasonField> REASON_FIELDS =
            new FieldTable<>(ReasonField.class, f -> f.json);

    private static final Alert.Severity[] SEVERITIES = Alert.Severity.values();

    private static final Alert.Action[] ACTIONS = Alert.Action.values();

    private AlertCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    Alert read(JsonParser parser) throws IOException {
        String alertId = null;
        String accountId = null;
        String transactionId = null;
        List<String> relatedTransactionIds = null;
        Instant eventTime = null;
        Instant detectedAt = null;
        Double score = null;
        Alert.Severity severity = null;
        Alert.Action action = null;
        List<Alert.Reason> reasons = null;
        String ruleVersion = null;
        Boolean late = null;
        String terminalId = null;
        String merchantId = null;
        java.math.BigDecimal amount = null;
        String currency = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case ALERT_ID -> alertId = in.string();
                case ACCOUNT_ID -> accountId = in.string();
                case TRANSACTION_ID -> transactionId = in.string();
                case RELATED_TRANSACTION_IDS -> relatedTransactionIds = in.strings();
                case EVENT_TIME -> eventTime = in.instant();
                case DETECTED_AT -> detectedAt = in.instant();
                case SCORE -> score = in.number();
                case SEVERITY -> severity = in.constant(SEVERITIES);
                case ACTION -> action = in.constant(ACTIONS);
                case REASONS -> reasons = in.objects(AlertCodec::readReason);
                case RULE_VERSION -> ruleVersion = in.string();
                case LATE -> late = in.bool();
                case TERMINAL_ID -> terminalId = in.string();
                case MERCHANT_ID -> merchantId = in.string();
                case AMOUNT -> amount = in.decimal();
                case CURRENCY -> currency = in.string();
            }
        }
        return new Alert(
                alertId,
                accountId,
                transactionId,
                relatedTransactionIds,
                eventTime,
                detectedAt,
                Checks.required("score", score),
                severity,
                action,
                reasons,
                ruleVersion,
                late != null && late,
                terminalId,
                merchantId,
                amount,
                currency);
    }

    private static Alert.Reason readReason(JsonParser parser, String path) throws IOException {
        String detector = null;
        String message = null;
        Double value = null;
        Double threshold = null;
        String prefix = path + ".";
        ObjectReader<ReasonField> in = new ObjectReader<>(parser, REASON_FIELDS, prefix);
        for (ReasonField field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case DETECTOR -> detector = in.string();
                case MESSAGE -> message = in.string();
                case VALUE -> value = in.number();
                case THRESHOLD -> threshold = in.number();
            }
        }
        try {
            return new Alert.Reason(
                    detector,
                    message,
                    Checks.required("value", value),
                    Checks.required("threshold", threshold));
        } catch (InvalidEventException e) {
            // The record names its own fields; on the wire they sit inside the reasons array.
            throw new InvalidEventException(prefix + e.field(), e.reason());
        }
    }

    @Override
    void write(Alert alert, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        ObjectWriter<Field> out =
                new ObjectWriter<>(generator, FIELDS)
                        .string(Field.ALERT_ID, alert.alertId())
                        .string(Field.ACCOUNT_ID, alert.accountId())
                        .string(Field.TRANSACTION_ID, alert.transactionId())
                        .strings(Field.RELATED_TRANSACTION_IDS, alert.relatedTransactionIds())
                        .instant(Field.EVENT_TIME, alert.eventTime())
                        .instant(Field.DETECTED_AT, alert.detectedAt())
                        .number(Field.SCORE, alert.score())
                        .constant(Field.SEVERITY, alert.severity())
                        .constant(Field.ACTION, alert.action());
        out.startArray(Field.REASONS);
        ObjectWriter<ReasonField> reasonOut = new ObjectWriter<>(generator, REASON_FIELDS);
        for (Alert.Reason reason : alert.reasons()) {
            generator.writeStartObject();
            reasonOut
                    .string(ReasonField.DETECTOR, reason.detector())
                    .string(ReasonField.MESSAGE, reason.message())
                    .number(ReasonField.VALUE, reason.value())
                    .number(ReasonField.THRESHOLD, reason.threshold());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        out.string(Field.RULE_VERSION, alert.ruleVersion())
                .bool(Field.LATE, alert.late())
                .string(Field.TERMINAL_ID, alert.terminalId())
                .string(Field.MERCHANT_ID, alert.merchantId());
        if (alert.amount() != null) {
            out.decimal(Field.AMOUNT, alert.amount()).string(Field.CURRENCY, alert.currency());
        }
        generator.writeEndObject();
    }
}
