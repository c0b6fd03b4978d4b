package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON codec of {@link RuleStatus}, the value of the {@code fraud-rules-status} topic, e.g. {@code
 * {"ruleId":"terminal-burst","version":2,"status":"REJECTED","reason":"window: not a duration:
 * \"banana\"","at":"2026-12-01T10:00:00Z"}}. Validation and errors as in the other codecs ({@link
 * EventCodec}).
 */
public final class RuleStatusCodec extends JsonCodec<RuleStatus> {

    /** The shared instance. */
    public static final RuleStatusCodec INSTANCE = new RuleStatusCodec();

    private enum Field {
        RULE_ID("ruleId"),
        VERSION("version"),
        STATUS("status"),
        REASON("reason"),
        AT("at");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private static final RuleStatus.Status[] STATUSES = RuleStatus.Status.values();

    private RuleStatusCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    RuleStatus read(JsonParser parser) throws IOException {
        String ruleId = null;
        Long version = null;
        RuleStatus.Status status = null;
        String reason = null;
        Instant at = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case RULE_ID -> ruleId = in.string();
                case VERSION -> version = in.integer();
                case STATUS -> status = in.constant(STATUSES);
                case REASON -> reason = in.string();
                case AT -> at = in.instant();
            }
        }
        long v = Checks.required("version", version);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidEventException("version", "outside [0, 2147483647]: " + v);
        }
        return new RuleStatus(ruleId, (int) v, status, reason, at);
    }

    @Override
    void write(RuleStatus value, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.RULE_ID, value.ruleId())
                .integer(Field.VERSION, value.version())
                .constant(Field.STATUS, value.status())
                .string(Field.REASON, value.reason())
                .instant(Field.AT, value.at());
        generator.writeEndObject();
    }
}
