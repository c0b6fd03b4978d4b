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

    private static ConfigTree defaults() {
        return ConfigTree.of(yaml(DEFAULTS));
    }

    private static ObjectNode yaml(String text) {
        return ConfigTree.read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void aUserFileAndOverridesAreLaidOverTheDefaultsAndBoundTyped() {
        ConfigTree tree = defaults();
        tree.merge(yaml("http:\n  timeout: 2 min\n  origins: [b, c]\n"))
                .merge(yaml("kafka:\n  properties:\n    sasl.mechanism: PLAIN\n"));
        tree.override("http.max-body", "1 MiB");
        tree.override("kafka.properties.security.protocol", "SASL_SSL");

        Settings settings = tree.bind(Settings.class);

        assertThat(settings.http().port()).isEqualTo(8080);
        assertThat(settings.http().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.http().maxBody().bytes()).isEqualTo(1 << 20);
        assertThat(settings.http().origins()).containsExactly("b", "c");
        assertThat(settings.kafka().properties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void aPassThroughSectionTakesAnyKeyFromTheFile() {
        ConfigTree tree = defaults();
        tree.merge(
                yaml(
                        "kafka:\n  properties:\n    sasl.mechanism: SCRAM-SHA-512\n"
                                + "    ssl:\n      truststore.type: PKCS12\n"));

        assertThat(ConfigTree.flatten(tree.tree().path("kafka")))
                .containsExactly(
                        java.util.Map.entry("bootstrap-servers", "127.0.0.1:9092"),
                        java.util.Map.entry("properties.sasl.mechanism", "SCRAM-SHA-512"),
                        java.util.Map.entry("properties.ssl.truststore.type", "PKCS12"));
        assertThatThrownBy(
                        () ->
                                defaults()
                                        .merge(
                                                yaml(
                                                        "kafka:\n  properties:\n"
                                                                + "    sasl.jaas.config: [secret]\n")))
                .hasMessage(
                        "kafka.properties.sasl.jaas.config: must be a single value (write the"
                                + " property name whole, like security.protocol), was a list");
    }

    @Test
    void aBrokenFileIsNamedWithTheLineButNotItsText() {
        assertThatThrownBy(
                        () ->
                                yaml(
                                        "kafka:\n  properties:\n"
                                                + "    sasl.jaas.config: password=\"s3cret\": x\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: not valid YAML at line 3, column ")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void flatOptionsRefuseAListNamingItsKey() {
        assertThatThrownBy(() -> defaults().flat())
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
        assertThatThrownBy(() -> defaults().merge(yaml("http:\n  prot: 1\n")))
                .hasMessage("http.prot: unknown key (known: port, timeout, max-body, origins)");
        assertThatThrownBy(() -> defaults().merge(yaml("http: 8080\n")))
                .hasMessage(
                        "http: must be a mapping of port, timeout, max-body, origins, was the"
                                + " number 8080");
        assertThatThrownBy(() -> defaults().merge(yaml("http:\n  origins: a\n")))
                .hasMessage("http.origins: must be a list, was the text \"a\"");
    }

    @Test
    void aValueWhereAPassThroughSectionBelongsIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> defaults().merge(yaml("kafka:\n  properties: secret-pw\n")))
                .hasMessage(
                        "kafka.properties: must be a mapping of property names to values, was a"
                                + " value");
    }

    @Test
    void aCamelCaseKeyInAListIsNamedWithItsIndex() {
        assertThatThrownBy(() -> yaml("routes:\n  - action: FLAG\n    minSeverity: HIGH\n"))
                .hasMessageStartingWith("routes[0].minSeverity: keys are kebab-case");
    }

    @Test
    void anOverrideOfAnUnknownKeyOrOfASectionNamesTheKey() {
        assertThatThrownBy(() -> defaults().override("http.prot", "1"))
                .hasMessage("http.prot: unknown key (known: port, timeout, max-body, origins)");
        assertThatThrownBy(() -> defaults().override("http", "1"))
                .hasMessage(
                        "http: is a section (port, timeout, max-body, origins), give one of its"
                                + " keys instead");
        assertThatThrownBy(() -> defaults().override("nope.x", "1"))
                .hasMessage("nope.x: unknown key");
    }

    @Test
    void aValueThatDoesNotFitItsTypeNamesTheKeyAndTheGrammar() {
        ConfigTree badDuration = defaults();
        badDuration.override("http.timeout", "soon");
        assertThatThrownBy(() -> badDuration.bind(Settings.class))
                .hasMessage(
                        "http.timeout: not a duration: \"soon\" (like 250 ms, 30 s, 10 min, 2 h,"
                                + " 7 d)");
        ConfigTree badSize = defaults();
        badSize.override("http.max-body", "big");
        assertThatThrownBy(() -> badSize.bind(Settings.class))
                .hasMessage("http.max-body: not a size: \"big\" (like 512 B, 256 KiB, 64 MiB)");
        ConfigTree badPort = defaults();
        badPort.override("http.port", "eighty");
        assertThatThrownBy(() -> badPort.bind(Settings.class))
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
