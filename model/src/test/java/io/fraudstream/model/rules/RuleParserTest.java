package io.fraudstream.model.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleParserTest {

    /** The example of the rule contract (issue 10). */
    static final String EXAMPLE =
            """
            {"id": "terminal-burst", "version": 1, "description": "many large purchases at one terminal",
             "enabled": true, "mode": "ACTIVE",
             "groupBy": ["terminalId"],
             "filter": {"all": [{"field": "amount", "op": ">=", "value": 100},
                                {"field": "channel", "op": "in", "value": ["POS", "ATM"]}]},
             "aggregate": {"function": "COUNT"},
             "window": "10 min",
             "condition": {"op": ">", "threshold": 3},
             "score": 0.7, "action": "FLAG", "cooldown": "30 min"}
            """;

    @Test
    void readsTheContractExample() {
        Rule rule = RuleParser.parse(EXAMPLE);

        assertThat(rule.id()).isEqualTo("terminal-burst");
        assertThat(rule.version()).isEqualTo(1);
        assertThat(rule.mode()).isEqualTo(Rule.Mode.ACTIVE);
        assertThat(rule.groupBy()).containsExactly(RuleField.TERMINAL_ID);
        assertThat(rule.function()).isEqualTo(Rule.Function.COUNT);
        assertThat(rule.aggregateField()).isNull();
        assertThat(rule.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(rule.conditionOp()).isEqualTo(RuleFilter.Op.GT);
        assertThat(rule.threshold()).isEqualTo(3);
        assertThat(rule.score()).isEqualTo(0.7);
        assertThat(rule.action()).isEqualTo(Rule.Action.FLAG);
        assertThat(rule.cooldown()).isEqualTo(Duration.ofMinutes(30));
        assertThat(rule.filter()).isInstanceOf(RuleFilter.All.class);
    }

    @Test
    void optionalFieldsHaveDefaults() {
        Rule rule =
                RuleParser.parse(
                        """
                        {"id": "r", "version": 2, "groupBy": ["accountId", "country"],
                         "aggregate": {"function": "SUM", "field": "amount"}, "window": "1 h",
                         "condition": {"op": ">=", "threshold": 2000}, "score": 1}
                        """);

        assertThat(rule.enabled()).isTrue();
        assertThat(rule.mode()).isEqualTo(Rule.Mode.ACTIVE);
        assertThat(rule.filter()).isNull();
        assertThat(rule.action()).isNull();
        assertThat(rule.cooldown()).isNull();
        assertThat(rule.description()).isEmpty();
        assertThat(rule.aggregateField()).isEqualTo(RuleField.AMOUNT);
    }

    /** Every field wrong in turn: the replacement of one fragment of the example, and the error. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bad JSON | \"score\": 0.7 | \"score\": | rule: not valid JSON",
                "trailing content | \"cooldown\": \"30 min\"} | \"cooldown\": \"30 min\"} x | rule: not valid JSON",
                "duplicate key | \"version\": 1, | \"version\": 1, \"version\": 2, | rule: not valid JSON",
                "unknown field | \"enabled\": true | \"enable\": true | enable: unknown field",
                "id missing | \"id\": \"terminal-burst\", | | id: missing",
                "id shape | \"terminal-burst\" | \"terminal burst!\" | id: 1 to 64 letters",
                "id type | \"id\": \"terminal-burst\" | \"id\": 7 | id: must be a string",
                "version zero | \"version\": 1 | \"version\": 0 | version: must be a whole number from 1",
                "version text | \"version\": 1 | \"version\": \"1\" | version: must be a whole number",
                "enabled type | \"enabled\": true | \"enabled\": \"yes\" | enabled: must be true or false",
                "mode | \"ACTIVE\" | \"LOUD\" | mode: unknown value \"LOUD\"; one of ACTIVE, SHADOW",
                "groupBy empty | [\"terminalId\"] | [] | groupBy: must be an array of 1 to 4 fields",
                "groupBy field | [\"terminalId\"] | [\"terminal\"] | groupBy[0]: unknown field \"terminal\"",
                "groupBy amount | [\"terminalId\"] | [\"amount\"] | groupBy[0]: cannot group by amount",
                "groupBy twice | [\"terminalId\"] | [\"terminalId\", \"terminalId\"] | groupBy[1]: terminalId is listed twice",
                "filter kind | {\"all\": [{\"field\" | {\"every\": [{\"field\" | filter: must be",
                "filter field | \"field\": \"amount\" | \"field\": \"amt\" | filter.all[0].field: unknown field \"amt\"",
                "filter op | \"op\": \">=\" | \"op\": \"~\" | filter.all[0].op: unknown operator \"~\"",
                "filter value type | \"value\": 100 | \"value\": \"100\" | filter.all[0].value: must be a number",
                "filter in list | [\"POS\", \"ATM\"] | \"POS\" | filter.all[1].value: in needs an array",
                "filter text ordering | \"field\": \"channel\", \"op\": \"in\" | \"field\": \"channel\", \"op\": \"<\" | filter.all[1].op: channel is text",
                "function | \"COUNT\" | \"MEDIAN\" | aggregate.function: unknown value \"MEDIAN\"",
                "count field | {\"function\": \"COUNT\"} | {\"function\": \"COUNT\", \"field\": \"amount\"} | aggregate.field: COUNT counts transactions",
                "sum no field | {\"function\": \"COUNT\"} | {\"function\": \"SUM\"} | aggregate.field: missing",
                "sum text field | {\"function\": \"COUNT\"} | {\"function\": \"SUM\", \"field\": \"country\"} | aggregate.field: SUM needs a numeric field",
                "window banana | \"10 min\" | \"banana\" | window: not a duration: \"banana\"",
                "window too long | \"10 min\" | \"31 d\" | window: must be more than 0 and at most 30 d",
                "window zero | \"10 min\" | \"0 s\" | window: must be more than 0",
                "window overflow | \"10 min\" | \"999999999999999999 d\" | window: not a duration",
                "channel unknown | [\"POS\", \"ATM\"] | [\"POS\", \"pos\"] | filter.all[1].value[1]: no channel \"pos\"",
                "condition op | \"op\": \">\", \"threshold\" | \"op\": \"in\", \"threshold\" | condition.op: compares a number",
                "condition threshold | \"threshold\": 3 | \"threshold\": \"3\" | condition.threshold: must be a number",
                "condition missing | \"condition\": {\"op\": \">\", \"threshold\": 3}, | | condition: missing",
                "score zero | \"score\": 0.7 | \"score\": 0 | score: must be in (0, 1]",
                "score above one | \"score\": 0.7 | \"score\": 1.5 | score: must be in (0, 1]",
                "action | \"FLAG\" | \"ALERT\" | action: unknown value \"ALERT\"; one of FLAG, BLOCK",
                "cooldown | \"30 min\" | \"soon\" | cooldown: not a duration",
            })
    void refusesEachWrongFieldNamingIt(String name, String from, String to, String message) {
        String json = EXAMPLE.replace(from, to == null ? "" : to);
        assertThat(json).as("the case replaces something").isNotEqualTo(EXAMPLE);

        assertThatThrownBy(() -> RuleParser.parse(json))
                .isInstanceOf(RuleException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void theFieldIsNamedApartForTheStatusTopic() {
        assertThatThrownBy(() -> RuleParser.parse(EXAMPLE.replace("\"10 min\"", "\"banana\"")))
                .isInstanceOfSatisfying(
                        RuleException.class, e -> assertThat(e.field()).isEqualTo("window"));
    }

    @Test
    void refusesFiltersNestedTooDeepOrEmpty() {
        String deep = "{\"field\": \"amount\", \"op\": \">\", \"value\": 1}";
        for (int i = 0; i < 10; i++) {
            deep = "{\"not\": " + deep + "}";
        }
        String tooDeep = withFilter(deep);
        assertThatThrownBy(() -> RuleParser.parse(tooDeep))
                .hasMessageStartingWith(
                        "filter.not.not.not.not.not.not.not.not.not: nested deeper than 8");
        assertThatThrownBy(() -> RuleParser.parse(withFilter("{\"all\": []}")))
                .hasMessageStartingWith("filter.all: must be a non-empty array");
        assertThatThrownBy(() -> RuleParser.parse(withFilter("{\"any\": [{\"field\": \"mcc\"}]}")))
                .hasMessageStartingWith("filter.any[0].op: missing");
    }

    private static String withFilter(String filter) {
        return "{\"id\": \"r\", \"version\": 1, \"groupBy\": [\"accountId\"], \"filter\": "
                + filter
                + ", \"aggregate\": {\"function\": \"COUNT\"}, \"window\": \"1 h\","
                + " \"condition\": {\"op\": \">\", \"threshold\": 1}, \"score\": 0.5}";
    }
}
