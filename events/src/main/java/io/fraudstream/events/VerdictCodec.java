package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON codec of {@link Verdict}, the value of the {@code fraud-verdicts} topic. Use {@link
 * #INSTANCE}; it is thread-safe and streams over the bytes with Jackson's parser.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {"accountId":"acct-42","transactionId":"t-1","alertId":"a-5f1c","terminalId":"term-77",
 *  "label":"FRAUD","source":"analyst","decidedAt":"2026-11-27T09:12:00Z",
 *  "note":"customer confirmed the card was stolen","merchantId":"m-991",
 *  "eventTime":"2026-11-26T17:30:04.123Z"}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field<th>JSON type<th>rule
 *   <tr><td>{@code accountId}<td>string<td>required; an identifier (below)
 *   <tr><td>{@code transactionId}<td>string<td>an identifier; required unless {@code alertId} is
 *       given
 *   <tr><td>{@code alertId}<td>string<td>an identifier; required unless {@code transactionId} is
 *       given
 *   <tr><td>{@code terminalId}<td>string<td>optional; an identifier
 *   <tr><td>{@code label}<td>string<td>required; {@code FRAUD} or {@code LEGIT}, exactly so spelled
 *   <tr><td>{@code source}<td>string<td>required; {@code analyst}, {@code chargeback}, {@code
 *       replay} or {@code customer}, read in any case, written in lower case
 *   <tr><td>{@code decidedAt}<td>string<td>required; an ISO-8601 time (below)
 *   <tr><td>{@code note}<td>string<td>optional; non-blank free text, line breaks allowed, at most
 *       {@value Verdict#MAX_NOTE_LENGTH} characters
 *   <tr><td>{@code merchantId}<td>string<td>optional; an identifier
 *   <tr><td>{@code eventTime}<td>string<td>optional; the labelled transaction's ISO-8601 time
 * </table>
 *
 * <h2>Validation</h2>
 *
 * <ul>
 *   <li>Input: one strict JSON object in UTF-8 (a leading byte-order mark is skipped), nothing but
 *       whitespace after it, at most {@value EventCodec#MAX_EVENT_BYTES} bytes, nested at most 32
 *       deep. Invalid UTF-8 and NUL bytes are rejected before parsing.
 *   <li>Unknown fields are skipped whatever their value. A known field given twice is rejected.
 *       {@code null} counts as absent.
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
 * {@code null}. Its {@link InvalidEventException#field() field()} is the offending field, or {@code
 * null} when the input as a whole is at fault; its message is {@code "<field>: <reason>"}, for
 * example {@code transactionId: required unless alertId is given (one of the two)} or {@code
 * source: not one of analyst, chargeback, replay, customer, was "bank"}.
 *
 * <h2>Output</h2>
 *
 * <p>{@link #encode} writes the fields in the order above, leaves out unset optional fields, writes
 * {@code source} in lower case and times in UTC with {@code Z}. Decoding the output yields an equal
 * verdict, and encoding that again yields the same bytes.
 */
public final class VerdictCodec extends JsonCodec<Verdict> {

    /** The shared instance. */
    public static final VerdictCodec INSTANCE = new VerdictCodec();

    private enum Field {
        ACCOUNT_ID("accountId"),
        TRANSACTION_ID("transactionId"),
        ALERT_ID("alertId"),
        TERMINAL_ID("terminalId"),
        LABEL("label"),
        SOURCE("source"),
        DECIDED_AT("decidedAt"),
        NOTE("note"),
        MERCHANT_ID("merchantId"),
        EVENT_TIME("eventTime");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private static final Verdict.Label[] LABELS = Verdict.Label.values();

    private static final Verdict.Source[] SOURCES = Verdict.Source.values();

    private VerdictCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    Verdict read(JsonParser parser) throws IOException {
        String accountId = null;
        String transactionId = null;
        String alertId = null;
        String terminalId = null;
        Verdict.Label label = null;
        Verdict.Source source = null;
        Instant decidedAt = null;
        String note = null;
        String merchantId = null;
        Instant eventTime = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case ACCOUNT_ID -> accountId = in.string();
                case TRANSACTION_ID -> transactionId = in.string();
                case ALERT_ID -> alertId = in.string();
                case TERMINAL_ID -> terminalId = in.string();
                case LABEL -> label = in.constant(LABELS);
                case SOURCE -> source = in.lowerCaseConstant(SOURCES);
                case DECIDED_AT -> decidedAt = in.instant();
                case NOTE -> note = in.string();
                case MERCHANT_ID -> merchantId = in.string();
                case EVENT_TIME -> eventTime = in.instant();
            }
        }
        return new Verdict(
                accountId,
                transactionId,
                alertId,
                terminalId,
                label,
                source,
                decidedAt,
                note,
                merchantId,
                eventTime);
    }

    @Override
    void write(Verdict verdict, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.ACCOUNT_ID, verdict.accountId())
                .string(Field.TRANSACTION_ID, verdict.transactionId())
                .string(Field.ALERT_ID, verdict.alertId())
                .string(Field.TERMINAL_ID, verdict.terminalId())
                .constant(Field.LABEL, verdict.label())
                .string(Field.SOURCE, verdict.source().wireName())
                .instant(Field.DECIDED_AT, verdict.decidedAt())
                .string(Field.NOTE, verdict.note())
                .string(Field.MERCHANT_ID, verdict.merchantId())
                .instant(Field.EVENT_TIME, verdict.eventTime());
        generator.writeEndObject();
    }
}
