package io.fraudstream.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

    /** A program's typed settings, bound from kebab-case keys. */
    record Settings(Http http, Kafka kafka) {}

    record Http(int port, Duration timeout, ConfigTree.Size maxBody, List<String> origins) {}

    record Kafka(String bootstrapServers, java.util.Map<String, String> properties) {}

    private static final String DEFAULTS =
            """
            http:
              port: 8080
              timeout: 30 s
              max-body: 64 KiB
              origins: [a]
            kafka:
              bootstrap-servers: 127.0.0.1:9092
              properties: {}
            """;

    private static ObjectNode yaml(String text) {
        return ConfigTree.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void aUserFileAndOverridesAreLaidOverTheDefaultsAndBoundTyped() {
        ObjectNode tree = yaml(DEFAULTS);
        ConfigTree.merge(tree, yaml("http:\n  timeout: 2 min\n  origins: [b, c]\n"));
        ConfigTree.override(tree, "http.max-body", "1 MiB");
        ConfigTree.override(tree, "kafka.properties.security.protocol", "SASL_SSL");

        Settings settings = ConfigTree.bind(tree, Settings.class);

        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.http().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.http().maxBody().bytes()).isEqualTo(1 << 20);
        assertThat(settings.http().origins()).containsExactly("b", "c");
        assertThat(settings.kafka().properties()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void aPassThroughSectionTakesAnyKeyFromTheFile() {
        ObjectNode tree = yaml(DEFAULTS);
        ConfigTree.merge(tree, yaml("kafka:\n  properties:\n    sasl.mechanism: SCRAM-SHA-512\n"));

        assertThat(ConfigTree.flatten(tree.path("kafka")))
                .containsExactly(
                        java.util.Map.entry("bootstrap-servers", "127.0.0.1:9092"),
                        java.util.Map.entry("properties.sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void flatOptionsRefuseAListNamingItsKey() {
        assertThatThrownBy(() -> ConfigTree.flatten(yaml(DEFAULTS)))
                .hasMessage("http.origins: lists are not supported, give a single value");
    }

    @Test
    void aKeyThatIsNotKebabCaseIsRefusedWithItsKebabSpelling() {
        assertThatThrownBy(() -> yaml("http:\n  maxBody: 1 KiB\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "http.maxBody: keys are kebab-case (lower-case words joined by '-'), such"
                                + " as max-body");
    }

    @Test
    void anUnknownKeyOrAWrongShapeInTheUserFileNamesTheKey() {
        assertThatThrownBy(() -> ConfigTree.merge(yaml(DEFAULTS), yaml("http:\n  prot: 1\n")))
                .hasMessage("http.prot: unknown key (known: port, timeout, max-body, origins)");
        assertThatThrownBy(() -> ConfigTree.merge(yaml(DEFAULTS), yaml("http: 8080\n")))
                .hasMessage(
                        "http: must be a mapping of port, timeout, max-body, origins, was the"
                                + " number 8080");
        assertThatThrownBy(() -> ConfigTree.merge(yaml(DEFAULTS), yaml("http:\n  origins: a\n")))
                .hasMessage("http.origins: must be a list, was the text \"a\"");
    }

    @Test
    void anOverrideOfAnUnknownKeyOrOfASectionNamesTheKey() {
        assertThatThrownBy(() -> ConfigTree.override(yaml(DEFAULTS), "http.prot", "1"))
                .hasMessage("http.prot: unknown key (known: port, timeout, max-body, origins)");
        assertThatThrownBy(() -> ConfigTree.override(yaml(DEFAULTS), "http", "1"))
                .hasMessage(
                        "http: is a section (port, timeout, max-body, origins), give one of its"
                                + " keys instead");
        assertThatThrownBy(() -> ConfigTree.override(yaml(DEFAULTS), "nope.x", "1"))
                .hasMessage("nope.x: unknown key");
    }

    @Test
    void aValueThatDoesNotFitItsTypeNamesTheKeyAndTheGrammar() {
        ObjectNode badDuration = yaml(DEFAULTS);
        ConfigTree.override(badDuration, "http.timeout", "soon");
        assertThatThrownBy(() -> ConfigTree.bind(badDuration, Settings.class))
                .hasMessage(
                        "http.timeout: not a duration: \"soon\" (like 250 ms, 30 s, 10 min, 2 h,"
                                + " 7 d)");
        ObjectNode badSize = yaml(DEFAULTS);
        ConfigTree.override(badSize, "http.max-body", "big");
        assertThatThrownBy(() -> ConfigTree.bind(badSize, Settings.class))
                .hasMessage("http.max-body: not a size: \"big\" (like 512 B, 256 KiB, 64 MiB)");
        ObjectNode badPort = yaml(DEFAULTS);
        ConfigTree.override(badPort, "http.port", "eighty");
        assertThatThrownBy(() -> ConfigTree.bind(badPort, Settings.class))
                .hasMessage("http.port: must be a whole number, was \"eighty\"");
    }

    @Test
    void optionsReadSizesWithinARangeNamingTheKey() {
        Options options =
                new Options(java.util.Map.of("a", "256 KiB", "b", "3 GiB", "c", "lots"), "x.yaml");
        assertThat(options.size("a", 0, 1L << 30)).isEqualTo(256 * 1024);
        assertThatThrownBy(() -> options.size("b", 0, 1L << 30))
                .hasMessage("b: must be between 0 B and 1 GiB, was 3 GiB");
        assertThatThrownBy(() -> options.size("c", 0, 1L << 30))
                .hasMessage(
                        "c: must be a size such as \"512 B\", \"256 KiB\" or \"64 MiB\", was lots");
    }
}
