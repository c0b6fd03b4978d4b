package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSON codec of {@link Transaction}, the value of the {@code transactions} topic. Use {@link
 * #INSTANCE}; it is thread-safe and streams over the bytes with Jackson's parser (no data binding,
 * no reflection).
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {"transactionId":"t-1","accountId":"acct-42","timestamp":"2026-11-26T17:30:04.123Z",
 *  "amount":"125.40","currency":"EUR","merchantId":"m-991","terminalId":"term-77","mcc":"5411",
 *  "country":"DE","lat":52.52,"lon":13.4,"channel":"POS"}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field<th>JSON type<th>rule
 *   <tr><td>{@code transactionId}<td>string<td>required; an identifier (below)
 *   <tr><td>{@code accountId}<td>string<td>required; an identifier
 *   <tr><td>{@code timestamp}<td>string<td>required; an ISO-8601 time (below)
 *   <tr><td>{@code amount}<td>number or string<td>required; a decimal kept exactly, scale
 *       included ({@code "125.40"} stays {@code 125.40}); {@code >= 0}; at most 20 integer and 18
 *       fraction digits; an exponent form such as {@code 1E+3} is read as {@code 1000}; {@code
 *       NaN} and infinities rejected; a string must hold JSON number syntax, leading zeros allowed
 *   <tr><td>{@code currency}<td>string<td>required; an ISO 4217 code known to the JVM, upper case
 *   <tr><td>{@code merchantId}<td>string<td>optional; an identifier
 *   <tr><td>{@code terminalId}<td>string<td>optional; an identifier
 *   <tr><td>{@code mcc}<td>string<td>optional; exactly four ASCII digits ({@code "0742"})
 *   <tr><td>{@code country}<td>string<td>optional; ISO 3166 alpha-2, upper case ({@code "DE"})
 *   <tr><td>{@code lat}<td>number<td>optional; in [-90, 90]; only together with {@code lon}
 *   <tr><td>{@code lon}<td>number<td>optional; in [-180, 180]; only together with {@code lat}
 *   <tr><td>{@code channel}<td>string<td>optional; {@code POS}, {@code ECOM} or {@code ATM},
 *       exactly so spelled
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
 * null} when the input as a whole is at fault; its message is {@code "<field>: <reason>"} ({@code
 * payload} standing in for a null field), for example:
 *
 * <ul>
 *   <li>{@code transactionId: required}
 *   <li>{@code accountId: must be a JSON string, was a number}
 *   <li>{@code amount: must be >= 0, was -5}
 *   <li>{@code amount: duplicate field}
 *   <li>{@code currency: not an ISO 4217 code, was "EURO"}
 *   <li>{@code timestamp: not an ISO-8601 instant, was "yesterday"}
 *   <li>{@code lat: given without lon}
 *   <li>{@code payload: larger than 65536 bytes, was 70000}
 *   <li>{@code payload: malformed JSON at offset 17: Unexpected character ...}
 * </ul>
 *
 * <h2>Output</h2>
 *
 * <p>{@link #encode} writes the fields in the order above, leaves out unset optional fields, writes
 * {@code amount} as a string in plain notation and times in UTC with {@code Z}. Decoding the output
 * yields an equal transaction, and encoding that again yields the same bytes.
 */
public final class TransactionCodec extends JsonCodec<Transaction> {

    /** The shared instance. */
    public static final TransactionCodec INSTANCE = new TransactionCodec();

    private enum Field {
        TRANSACTION_ID("transactionId"),
        ACCOUNT_ID("accountId"),
        TIMESTAMP("timestamp"),
        AMOUNT("amount"),
        CURRENCY("currency"),
        MERCHANT_ID("merchantId"),
        TERMINAL_ID("terminalId"),
        MCC("mcc"),
        COUNTRY("country"),
        LAT("lat"),
        LON("lon"),
        CHANNEL("channel");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private static final Transaction.Channel[] CHANNELS = Transaction.Channel.values();

    private TransactionCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    Transaction read(JsonParser parser) throws IOException {
        String transactionId = null;
        String accountId = null;
        Instant timestamp = null;
        BigDecimal amount = null;
        String currency = null;
        String merchantId = null;
        String terminalId = null;
        String mcc = null;
        String country = null;
        Double lat = null;
        Double lon = null;
        Transaction.Channel channel = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case TRANSACTION_ID -> transactionId = in.string();
                case ACCOUNT_ID -> accountId = in.string();
                case TIMESTAMP -> timestamp = in.instant();
                case AMOUNT -> amount = in.decimal();
                case CURRENCY -> currency = in.string();
                case MERCHANT_ID -> merchantId = in.string();
                case TERMINAL_ID -> terminalId = in.string();
                case MCC -> mcc = in.string();
                case COUNTRY -> country = in.string();
                case LAT -> lat = in.number();
                case LON -> lon = in.number();
                case CHANNEL -> channel = in.constant(CHANNELS);
            }
        }
        return new Transaction(
                transactionId,
                accountId,
                timestamp,
                amount,
                currency,
                merchantId,
                terminalId,
                mcc,
                country,
                lat,
                lon,
                channel);
    }

    @Override
    void write(Transaction transaction, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.TRANSACTION_ID, transaction.transactionId())
                .string(Field.ACCOUNT_ID, transaction.accountId())
                .instant(Field.TIMESTAMP, transaction.timestamp())
                .decimal(Field.AMOUNT, transaction.amount())
                .string(Field.CURRENCY, transaction.currency())
                .string(Field.MERCHANT_ID, transaction.merchantId())
                .string(Field.TERMINAL_ID, transaction.terminalId())
                .string(Field.MCC, transaction.mcc())
                .string(Field.COUNTRY, transaction.country())
                .optionalNumber(Field.LAT, transaction.lat())
                .optionalNumber(Field.LON, transaction.lon())
                .constant(Field.CHANNEL, transaction.channel());
        generator.writeEndObject();
    }
}
