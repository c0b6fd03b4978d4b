package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON codec of {@link TransactionScore}, the value of the {@code transaction-scores} topic. Use
 * {@link #INSTANCE}; it is thread-safe and streams over the bytes with Jackson's parser.
 *
 * <h2>Format</h2>
 *
 * <pre>{@code
 * {"transactionId":"t-1","accountId":"acct-42","terminalId":"term-77","merchantId":"m-991",
 *  "eventTime":"2026-11-26T17:30:04.123Z","score":0.83,"decision":"REVIEW",
 *  "modelVersion":"handbook-v2","reasons":[{"feature":"terminal.fraudShare.7d",
 *  "message":"terminal term-77: 4 of 9 transactions in the last 7 known days confirmed fraud",
 *  "value":0.444,"weight":2.1}]}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field<th>JSON type<th>rule
 *   <tr><td>{@code transactionId}<td>string<td>required; an identifier (below)
 *   <tr><td>{@code accountId}<td>string<td>required; an identifier
 *   <tr><td>{@code terminalId}<td>string<td>optional; an identifier
 *   <tr><td>{@code merchantId}<td>string<td>optional; an identifier
 *   <tr><td>{@code eventTime}<td>string<td>required; an ISO-8601 time (below)
 *   <tr><td>{@code score}<td>number<td>required; in [0, 1]
 *   <tr><td>{@code decision}<td>string<td>required; {@code APPROVE}, {@code REVIEW} or {@code
 *       DECLINE}, exactly so spelled
 *   <tr><td>{@code modelVersion}<td>string<td>required; an identifier
 *   <tr><td>{@code reasons}<td>array of objects<td>optional, empty when absent; at most {@value
 *       TransactionScore#MAX_REASONS} objects of {@code feature} (an identifier), {@code message}
 *       (non-blank, at most {@value TransactionScore.Contribution#MAX_MESSAGE_LENGTH}
 *       characters), {@code value} and {@code weight} (finite numbers), all required
 *   <tr><td>{@code features}<td>object of numbers<td>optional, empty when absent; at most {@value
 *       TransactionScore#MAX_FEATURES} finite numbers named by identifiers
 * </table>
 *
 * <p>Validation, errors and output follow the other codecs (see {@link EventCodec}): strict JSON,
 * unknown fields skipped, a known field twice rejected, {@code null} as absent, identifiers without
 * control or format characters, times normalised to UTC. Encoding leaves out an empty {@code
 * features}; decoding the output yields an equal score, and encoding that again the same bytes.
 */
public final class TransactionScoreCodec extends JsonCodec<TransactionScore> {

    /** The shared instance. */
    public static final TransactionScoreCodec INSTANCE = new TransactionScoreCodec();

    private enum Field {
        TRANSACTION_ID("transactionId"),
        ACCOUNT_ID("accountId"),
        TERMINAL_ID("terminalId"),
        MERCHANT_ID("merchantId"),
        EVENT_TIME("eventTime"),
        SCORE("score"),
        DECISION("decision"),
        MODEL_VERSION("modelVersion"),
        REASONS("reasons"),
        FEATURES("features");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private enum ContributionField {
        FEATURE("feature"),
        MESSAGE("message"),
        VALUE("value"),
        WEIGHT("weight");

        private final String json;

        ContributionField(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private static final FieldTable<ContributionField> CONTRIBUTION_FIELDS =
            new FieldTable<>(ContributionField.class, f -> f.json);

    private static final TransactionScore.Decision[] DECISIONS = TransactionScore.Decision.values();

    private TransactionScoreCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    TransactionScore read(JsonParser parser) throws IOException {
        String transactionId = null;
        String accountId = null;
        String terminalId = null;
        String merchantId = null;
        Instant eventTime = null;
        Double score = null;
        TransactionScore.Decision decision = null;
        String modelVersion = null;
        List<TransactionScore.Contribution> reasons = null;
        Map<String, Double> features = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case TRANSACTION_ID -> transactionId = in.string();
                case ACCOUNT_ID -> accountId = in.string();
                case TERMINAL_ID -> terminalId = in.string();
                case MERCHANT_ID -> merchantId = in.string();
                case EVENT_TIME -> eventTime = in.instant();
                case SCORE -> score = in.number();
                case DECISION -> decision = in.constant(DECISIONS);
                case MODEL_VERSION -> modelVersion = in.string();
                case REASONS -> reasons = in.objects(TransactionScoreCodec::readContribution);
                case FEATURES -> features = in.numbers();
            }
        }
        return new TransactionScore(
                transactionId,
                accountId,
                terminalId,
                merchantId,
                eventTime,
                Checks.required("score", score),
                decision,
                modelVersion,
                reasons == null ? List.of() : reasons,
                features == null ? Map.of() : features);
    }

    private static TransactionScore.Contribution readContribution(JsonParser parser, String path)
            throws IOException {
        String feature = null;
        String message = null;
        Double value = null;
        Double weight = null;
        String prefix = path + ".";
        ObjectReader<ContributionField> in =
                new ObjectReader<>(parser, CONTRIBUTION_FIELDS, prefix);
        for (ContributionField field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case FEATURE -> feature = in.string();
                case MESSAGE -> message = in.string();
                case VALUE -> value = in.number();
                case WEIGHT -> weight = in.number();
            }
        }
        try {
            return new TransactionScore.Contribution(
                    feature,
                    message,
                    Checks.required("value", value),
                    Checks.required("weight", weight));
        } catch (InvalidEventException e) {
            throw new InvalidEventException(prefix + e.field(), e.reason());
        }
    }

    @Override
    void write(TransactionScore score, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        ObjectWriter<Field> out =
                new ObjectWriter<>(generator, FIELDS)
                        .string(Field.TRANSACTION_ID, score.transactionId())
                        .string(Field.ACCOUNT_ID, score.accountId())
                        .string(Field.TERMINAL_ID, score.terminalId())
                        .string(Field.MERCHANT_ID, score.merchantId())
                        .instant(Field.EVENT_TIME, score.eventTime())
                        .number(Field.SCORE, score.score())
                        .constant(Field.DECISION, score.decision())
                        .string(Field.MODEL_VERSION, score.modelVersion());
        out.startArray(Field.REASONS);
        ObjectWriter<ContributionField> reasonOut =
                new ObjectWriter<>(generator, CONTRIBUTION_FIELDS);
        for (TransactionScore.Contribution reason : score.reasons()) {
            generator.writeStartObject();
            reasonOut
                    .string(ContributionField.FEATURE, reason.feature())
                    .string(ContributionField.MESSAGE, reason.message())
                    .number(ContributionField.VALUE, reason.value())
                    .number(ContributionField.WEIGHT, reason.weight());
            generator.writeEndObject();
        }
        generator.writeEndArray();
        out.numbers(Field.FEATURES, score.features());
        generator.writeEndObject();
    }
}
