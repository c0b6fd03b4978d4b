package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.time.Instant;

/**
 * JSON codec of {@link GroundTruth}, one label per label-file line and per labels-topic record
 * (key: the account), e.g. {@code {"transactionId":"t-9","accountId":"acct-4",
 * "timestamp":"2026-11-26T17:30:04Z","fraud":true,"scenario":"card-testing","terminalId":"term-7",
 * "producedAt":"2026-11-26T17:30:04.120Z"}}. {@code terminalId} and {@code producedAt} are left out
 * when unknown; {@code scenario} is {@value GroundTruth#GENUINE} exactly when {@code fraud} is
 * false. Validation and errors as in the other codecs ({@link EventCodec}).
 */
public final class GroundTruthCodec extends JsonCodec<GroundTruth> {

    /** The shared instance. */
    public static final GroundTruthCodec INSTANCE = new GroundTruthCodec();

    private enum Field {
        TRANSACTION_ID("transactionId"),
        ACCOUNT_ID("accountId"),
        TIMESTAMP("timestamp"),
        FRAUD("fraud"),
        SCENARIO("scenario"),
        TERMINAL_ID("terminalId"),
        PRODUCED_AT("producedAt");

        private final String json;

        Field(String json) {
            this.json = json;
        }
    }

    private static final FieldTable<Field> FIELDS = new FieldTable<>(Field.class, f -> f.json);

    private GroundTruthCodec() {
        super(MAX_EVENT_BYTES);
    }

    @Override
    GroundTruth read(JsonParser parser) throws IOException {
        String transactionId = null;
        String accountId = null;
        Instant timestamp = null;
        Boolean fraud = null;
        String scenario = null;
        String terminalId = null;
        Instant producedAt = null;
        ObjectReader<Field> in = new ObjectReader<>(parser, FIELDS, "");
        for (Field field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case TRANSACTION_ID -> transactionId = in.string();
                case ACCOUNT_ID -> accountId = in.string();
                case TIMESTAMP -> timestamp = in.instant();
                case FRAUD -> fraud = in.bool();
                case SCENARIO -> scenario = in.string();
                case TERMINAL_ID -> terminalId = in.string();
                case PRODUCED_AT -> producedAt = in.instant();
            }
        }
        return new GroundTruth(
                transactionId,
                accountId,
                timestamp,
                Checks.required("fraud", fraud),
                scenario,
                terminalId,
                producedAt);
    }

    @Override
    void write(GroundTruth label, JsonGenerator generator) throws IOException {
        generator.writeStartObject();
        new ObjectWriter<>(generator, FIELDS)
                .string(Field.TRANSACTION_ID, label.transactionId())
                .string(Field.ACCOUNT_ID, label.accountId())
                .instant(Field.TIMESTAMP, label.timestamp())
                .bool(Field.FRAUD, label.fraud())
                .string(Field.SCENARIO, label.scenario())
                .string(Field.TERMINAL_ID, label.terminalId())
                .instant(Field.PRODUCED_AT, label.producedAt());
        generator.writeEndObject();
    }
}
