package io.fraudstream.txgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One JSON object per label, for label files (one per line) and label topics:
 *
 * <pre>{@code
 * {"transactionId":"t-9","accountId":"acct-4","timestamp":"2026-11-26T17:30:04Z","fraud":true,
 *  "scenario":"card-testing","terminalId":"term-7","producedAt":"2026-11-26T17:30:04.120Z"}
 * }</pre>
 *
 * <p>{@code terminalId} and {@code producedAt} are left out when unknown. Decoding throws {@link
 * IllegalArgumentException} naming the field for a record that is not a label.
 */
public final class GroundTruthCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private GroundTruthCodec() {}

    public static byte[] encode(GroundTruth label) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(192);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(label, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the label as one JSON object (no line break) to a generator the caller owns. */
    public static void write(GroundTruth label, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("transactionId", label.transactionId());
        g.writeStringField("accountId", label.accountId());
        g.writeStringField("timestamp", label.timestamp().toString());
        g.writeBooleanField("fraud", label.fraud());
        g.writeStringField("scenario", label.scenario());
        if (label.terminalId() != null) {
            g.writeStringField("terminalId", label.terminalId());
        }
        if (label.producedAt() != null) {
            g.writeStringField("producedAt", label.producedAt().toString());
        }
        g.writeEndObject();
    }

    public static GroundTruth decode(byte[] bytes) {
        String transactionId = null;
        String accountId = null;
        Instant timestamp = null;
        Boolean fraud = null;
        String scenario = null;
        String terminalId = null;
        Instant producedAt = null;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("label: not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "transactionId" -> transactionId = text(p, name);
                    case "accountId" -> accountId = text(p, name);
                    case "timestamp" -> timestamp = instant(p, name);
                    case "fraud" -> {
                        if (!value.isBoolean()) {
                            throw new IllegalArgumentException("fraud: must be true or false");
                        }
                        fraud = p.getBooleanValue();
                    }
                    case "scenario" -> scenario = text(p, name);
                    case "terminalId" -> terminalId = text(p, name);
                    case "producedAt" -> producedAt = instant(p, name);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("label: malformed JSON: " + e.getMessage());
        }
        require(transactionId, "transactionId");
        require(accountId, "accountId");
        require(timestamp, "timestamp");
        require(fraud, "fraud");
        require(scenario, "scenario");
        return new GroundTruth(
                transactionId, accountId, timestamp, fraud, scenario, terminalId, producedAt);
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return p.getText();
    }

    private static Instant instant(JsonParser p, String field) throws IOException {
        String text = text(p, field);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not an ISO-8601 instant, was " + text);
        }
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required");
        }
    }
}
