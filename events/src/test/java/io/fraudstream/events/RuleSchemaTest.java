package io.fraudstream.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule update's schema against the rules RuleParser (model module) accepts and refuses, as
 * docs/RULES.md and RuleParserTest give them: the shipped rule files and the contract example
 * validate, each field set wrong in turn does not, and what JSON Schema cannot express is listed.
 */
class RuleSchemaTest {

    /** The contract example, the first JSON block under "The rule" in docs/RULES.md. */
    private static final String EXAMPLE = ruleExample();

    static Stream<String> validRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../conf/rules"))) {
            List<String> shipped = files.sorted().map(RuleSchemaTest::read).toList();
            return Stream.concat(
                    shipped.stream(),
                    Stream.of(
                            EXAMPLE,
                            """
                            {"id": "r", "version": 2, "groupBy": ["accountId", "country"],
                             "aggregate": {"function": "SUM", "field": "amount"}, "window": "1 h",
                             "condition": {"op": ">=", "threshold": 2000}, "score": 1}
                            """,
                            EXAMPLE.replace("\"10 min\"", "\"600000\"").replace("\"FLAG\"", "null"),
                            EXAMPLE.replace(
                                    "{\"function\": \"COUNT\"}",
                                    "{\"function\": \"DISTINCT_COUNT\", \"field\": \"accountId\"}"),
                            EXAMPLE.replace(
                                    "{\"field\": \"amount\", \"op\": \">=\", \"value\": 100}",
                                    "{\"not\": {\"field\": \"country\", \"op\": \"in\", \"value\": [\"DE\", \"FR\"]}}")));
        }
    }

    @ParameterizedTest
    @MethodSource("validRules")
    void theShippedRulesAndTheContractExampleValidate(String rule) {
        assertThat(violations(rule)).isEmpty();
    }

    /** Every field wrong in turn, as RuleParserTest sets it: the fragment replaced and by what. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown field | \"enabled\": true | \"enable\": true",
                "id missing | \"id\": \"terminal-burst\", | ",
                "id shape | \"terminal-burst\" | \"terminal burst!\"",
                "id type | \"id\": \"terminal-burst\" | \"id\": 7",
                "version zero | \"version\": 1 | \"version\": 0",
                "version text | \"version\": 1 | \"version\": \"1\"",
                "enabled type | \"enabled\": true | \"enabled\": \"yes\"",
                "mode | \"ACTIVE\" | \"LOUD\"",
                "groupBy empty | [\"terminalId\"] | []",
                "groupBy field | [\"terminalId\"] | [\"terminal\"]",
                "groupBy amount | [\"terminalId\"] | [\"amount\"]",
                "groupBy twice | [\"terminalId\"] | [\"terminalId\", \"terminalId\"]",
                "filter kind | {\"all\": [{\"field\" | {\"every\": [{\"field\"",
                "filter field | \"field\": \"amount\" | \"field\": \"amt\"",
                "filter op | \"op\": \">=\" | \"op\": \"~\"",
                "filter value type | \"value\": 100 | \"value\": \"100\"",
                "filter in list | [\"POS\", \"ATM\"] | \"POS\"",
                "filter unknown channel | [\"POS\", \"ATM\"] | [\"POS\", \"MAIL\"]",
                "filter text ordering | \"field\": \"channel\", \"op\": \"in\" | \"field\": \"channel\", \"op\": \"<\"",
                "function | \"COUNT\" | \"MEDIAN\"",
                "count field | {\"function\": \"COUNT\"} | {\"function\": \"COUNT\", \"field\": \"amount\"}",
                "sum no field | {\"function\": \"COUNT\"} | {\"function\": \"SUM\"}",
                "sum text field | {\"function\": \"COUNT\"} | {\"function\": \"SUM\", \"field\": \"country\"}",
                "window text | \"10 min\" | \"banana\"",
                "condition set op | \"op\": \">\" | \"op\": \"in\"",
                "score zero | \"score\": 0.7 | \"score\": 0",
                "score above one | \"score\": 0.7 | \"score\": 1.5",
                "action | \"FLAG\" | \"WARN\"",
                "cooldown text | \"30 min\" | \"later\""
            })
    void aRuleTheParserRefusesTheSchemaRefuses(String name, String fragment, String replacement) {
        String rule = EXAMPLE.replace(fragment, replacement == null ? "" : replacement);

        assertThat(rule).isNotEqualTo(EXAMPLE);
        assertThat(violations(rule)).as(name).isNotEmpty();
    }

    @Test
    void aDescriptionLongerThanTheParsersLimitIsRefused() {
        String rule =
                EXAMPLE.replace(
                        "\"many large purchases at one terminal\"", "\"" + "d".repeat(257) + "\"");

        assertThat(violations(rule)).isNotEmpty();
    }

    /** Documented in docs/EVENTS.md: RuleParser refuses these, the schema cannot tell. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "window zero | \"10 min\" | \"0 min\"",
                "window over 30 days | \"10 min\" | \"31 d\"",
                "cooldown over 30 days | \"30 min\" | \"31 d\""
            })
    void whatTheSchemaCannotExpressIsADocumentedDifference(
            String name, String fragment, String replacement) throws IOException {
        assertThat(violations(EXAMPLE.replace(fragment, replacement))).as(name).isEmpty();
        assertThat(EventSchemaTest.eventsDoc())
                .contains(
                        "the window's range (more than 0, at most 30 d)",
                        "the cooldown's (at most 30 d)");
    }

    private static List<Error> violations(String rule) {
        return EventSchemas.violations(EventSchemas.RULE, rule.getBytes(UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ruleExample() {
        String doc = read(Path.of("../docs/RULES.md"));
        int start = doc.indexOf("```json", doc.indexOf("## The rule")) + "```json".length();
        return doc.substring(start, doc.indexOf("```", start));
    }
}
