package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON codec of {@link RuleHit}, the value of the {@code fraud-rule-hits} topic, e.g. {@code
 * {"ruleId":"terminal-burst","ruleVersion":1,"shadow":false,"transactionId":"t-9",
 * "accountId":"acct-5","eventTime":"2026-12-01T10:00:00Z","value":4,"threshold":3, "message":"COUNT
 * 4 by terminalId within 10 min, > 3"}}. Validation and errors as in the other codecs ({@link
 * EventCodec}).
 */
public final class RuleHitCodec extends JsonCodec<RuleHit> {

    /** The shared instance. */
    public static final RuleHitCodec INSTANCE = new RuleHitCodec();

    private enum Field {
        RULE_ID("ruleId"),
        RULE_VERSION("ruleVersion"),
        SHADOW("shadow"),
        TRANSACTION_ID("transactionId"),
        ACCOUNT_ID("accountId"),
        EVENT_TIME("eventTime"),
        VALUE("value"),
        THRESHOLD("threshold"),
        MESSAGE("message");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private RuleHitCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    RuleHit read(JsonParser parser) throws IOException {
        String ruleId = null;
        Long version = null;
        Boolean shadow = null;
        String transactionId = null;
        String accountId = null;
        Instant eventTime = null;
        Double value = null;
        Double threshold = null;
        String message = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case RULE_ID -> ruleId = in.string();
                case RULE_VERSION -> version = in.integer();
                case SHADOW -> shadow = in.bool();
                case TRANSACTION_ID -> transactionId = in.string();
                case ACCOUNT_ID -> accountId = in.string();
                case EVENT_TIME -> eventTime = in.instant();
                case VALUE -> value = in.number();
                case THRESHOLD -> threshold = in.number();
                case MESSAGE -> message = in.string();
            }
        }
        long v = Checks.required("ruleVersion", version);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new InvalidEventException("ruleVersion", "outside [1, 2147483647]: " + v);
        }
        return new RuleHit(
                ruleId,
                (int) v,
                Checks.required("shadow", shadow),
                transactionId,
                accountId,
                eventTime,
                Checks.required("value", value),
                Checks.required("threshold", threshold),
                message);
    }

    @Override
    void write(RuleHit hit, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.RULE_ID, hit.ruleId())
                .integer(Field.RULE_VERSION, hit.ruleVersion())
                .bool(Field.SHADOW, hit.shadow())
                .string(Field.TRANSACTION_ID, hit.transactionId())
                .string(Field.ACCOUNT_ID, hit.accountId())
                .instant(Field.EVENT_TIME, hit.eventTime())
                .number(Field.VALUE, hit.value())
                .number(Field.THRESHOLD, hit.threshold())
                .string(Field.MESSAGE, hit.message());
        generator.writeEndObject();
    }
}
