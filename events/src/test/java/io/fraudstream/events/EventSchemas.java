package io.fraudstream.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON Schemas the events jar publishes, loaded as another service would: by their {@code $id},
 * from the jar's resources, with formats asserted, validating JSON read by a strict parser.
 */
final class EventSchemas {

    /** The {@code $id} every schema starts with. */
    static final String ID_PREFIX = "https://fraudstream.io/schemas/events/";

    /** Where the schemas lie in the jar. */
    static final String RESOURCE_DIR = "io/fraudstream/events/schemas/";

    /** The schemas of events, by file name without {@code .schema.json}, and their codecs. */
    enum Event {
        TRANSACTION("transaction", TransactionCodec.INSTANCE),
        ALERT("alert", AlertCodec.INSTANCE),
        TRANSACTION_SCORE("transaction-score", TransactionScoreCodec.INSTANCE),
        VERDICT("verdict", VerdictCodec.INSTANCE),
        RULE_HIT("rule-hit", RuleHitCodec.INSTANCE),
        RULE_STATUS("rule-status", RuleStatusCodec.INSTANCE),
        DEAD_LETTER("dead-letter", DeadLetterCodec.INSTANCE),
        GROUND_TRUTH("ground-truth", GroundTruthCodec.INSTANCE);

        final String file;
        final EventCodec<?> codec;

        Event(String name, EventCodec<?> codec) {
            this.file = name + ".schema.json";
            this.codec = codec;
        }
    }

    /** The value types the event schemas share. */
    static final String DEFINITIONS = "definitions.schema.json";

    /** The rule update of the rules topic, parsed by the model module's RuleParser. */
    static final String RULE = "rule.schema.json";

    /**
     * Strict as the codecs are about syntax (no trailing content), lenient as most consumers are
     * about duplicate keys (the last wins). Fractions are read as doubles, as most consumers do:
     * this validator compares exponent-form decimals with integer bounds wrongly ({@code -1e400}
     * passes {@code "minimum": 0}), a double beyond the range is infinite and fails every bound.
     */
    private static final ObjectMapper PARSER =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    builder ->
                            builder.schemaIdResolvers(
                                            ids ->
                                                    ids.mapPrefix(
                                                            ID_PREFIX, "classpath:" + RESOURCE_DIR))
                                    .schemaRegistryConfig(
                                            SchemaRegistryConfig.builder()
                                                    .formatAssertionsEnabled(true)
                                                    .build()));

    private EventSchemas() {}

    /** The schema of that file, resolved through its {@code $id}. */
    static Schema schema(String file) {
        return REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + file));
    }

    /**
     * The violations of {@code json} against the schema, or {@code null} when {@code json} is no
     * single JSON document a strict parser reads (so no schema is ever consulted).
     */
    static List<Error> violations(String file, byte[] json) {
        JsonNode node = parse(json);
        return node == null ? null : schema(file).validate(node);
    }

    /** The document, or {@code null} when it is none. */
    static JsonNode parse(byte[] json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = PARSER.readTree(json);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
