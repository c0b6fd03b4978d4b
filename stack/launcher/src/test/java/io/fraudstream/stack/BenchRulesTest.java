package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleParser;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bench's generated rules are valid, and of mixed scopes and aggregates. */
class BenchRulesTest {

    @Test
    void fiftyBenchRulesParseAndMixScopesAndAggregates() {
        Set<String> scopes = new HashSet<>();
        Set<Rule.Function> functions = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Rule rule = RuleParser.parse(BenchTopics.benchRule("bench-rule-" + i, i));
            assertThat(rule.id()).isEqualTo("bench-rule-" + i);
            assertThat(rule.mode()).isEqualTo(Rule.Mode.ACTIVE);
            scopes.add(rule.groupBy().toString());
            functions.add(rule.function());
        }
        assertThat(scopes).hasSize(5);
        assertThat(functions).containsExactlyInAnyOrder(Rule.Function.values());
    }
}
