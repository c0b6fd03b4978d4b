package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml, the file in docs/ itself, against the code: every topic of {@link Topic} is a
 * channel, every payload refers to a schema the events jar ships, and every shipped schema is
 * reached from a payload.
 */
class AsyncApiTest {

    private static final Path DOCS = Path.of("../docs");

    private static final Path SCHEMAS = Path.of("src/main/resources", EventSchemas.RESOURCE_DIR);

    /** The shipped schemas' folder, as a reference relative to docs/ reaches it. */
    private static final Path SHIPPED_FROM_DOCS =
            DOCS.resolve("../events").resolve(SCHEMAS).normalize();

    private static JsonNode asyncApi;

    @BeforeAll
    static void readTheDocument() throws IOException {
        asyncApi =
                new ObjectMapper(new YAMLFactory())
                        .readTree(DOCS.resolve("asyncapi.yaml").toFile());
    }

    @Test
    void declaresAsyncApi30() {
        assertThat(asyncApi.path("asyncapi").asText()).matches("3\\.0\\.\\d+");
    }

    @Test
    void namesEveryTopicAsAChannelAddress() {
        Set<String> addresses = new HashSet<>();
        asyncApi.path("channels")
                .forEach(channel -> addresses.add(channel.path("address").asText()));

        assertThat(addresses)
                .containsAll(Arrays.stream(Topic.values()).map(Topic::defaultName).toList());
    }

    @Test
    void everyChannelHasASenderAndAReceiver() {
        asyncApi.path("channels")
                .fieldNames()
                .forEachRemaining(
                        name -> {
                            Set<String> actions = new HashSet<>();
                            asyncApi.path("operations")
                                    .forEach(
                                            operation -> {
                                                if (operation
                                                        .at("/channel/$ref")
                                                        .asText()
                                                        .equals("#/channels/" + name)) {
                                                    actions.add(operation.path("action").asText());
                                                }
                                            });
                            assertThat(actions)
                                    .as(name)
                                    .containsExactlyInAnyOrder("send", "receive");
                        });
    }

    @Test
    void everyReferenceInsideTheDocumentResolves() {
        for (String ref : refs(asyncApi)) {
            if (ref.startsWith("#")) {
                assertThat(asyncApi.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            }
        }
    }

    @Test
    void everyPayloadRefersToASchemaTheEventsJarShips() {
        for (JsonNode message : asyncApi.at("/components/messages")) {
            Path schema = DOCS.resolve(message.at("/payload/schema/$ref").asText()).normalize();

            assertThat(message.at("/payload/schemaFormat").asText())
                    .as(message.path("name").asText())
                    .isEqualTo("application/schema+json;version=2020-12");
            assertThat(schema).as(message.path("name").asText()).isRegularFile();
            assertThat(schema.getParent()).isEqualTo(SHIPPED_FROM_DOCS);
        }
    }

    @Test
    void everySchemaTheEventsJarShipsIsReachedFromAPayload() throws IOException {
        Deque<Path> toRead = new ArrayDeque<>();
        for (JsonNode message : asyncApi.at("/components/messages")) {
            toRead.add(DOCS.resolve(message.at("/payload/schema/$ref").asText()).normalize());
        }
        Set<String> reached = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        while (!toRead.isEmpty()) {
            Path schema = toRead.remove();
            if (reached.add(schema.getFileName().toString())) {
                for (String ref : refs(json.readTree(schema.toFile()))) {
                    if (!ref.startsWith("#")) {
                        toRead.add(schema.resolveSibling(ref.replaceFirst("#.*", "")).normalize());
                    }
                }
            }
        }

        assertThat(reached).containsExactlyElementsOf(EventSchemaTest.schemaFiles());
    }

    private static List<String> refs(JsonNode node) {
        List<String> refs = new ArrayList<>();
        Deque<JsonNode> nodes = new ArrayDeque<>(List.of(node));
        while (!nodes.isEmpty()) {
            JsonNode next = nodes.remove();
            if (next.has("$ref")) {
                refs.add(next.get("$ref").asText());
            }
            next.forEach(nodes::add);
        }
        return refs.stream().distinct().collect(Collectors.toList());
    }
}
