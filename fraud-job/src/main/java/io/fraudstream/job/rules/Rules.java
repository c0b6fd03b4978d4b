package io.fraudstream.job.rules;

import io.fraudstream.model.rules.Rule;
import io.fraudstream.model.rules.RuleException;
import io.fraudstream.model.rules.RuleParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The rules an operator runs: the broadcast state holds each rule's JSON (so it is stored and
 * restored without a serializer for parsed rules); this keeps the parsed rules, rebuilt from the
 * state after any change and after a restore.
 */
final class Rules {

    /** The broadcast state of every operator that evaluates rules: rule id → its JSON. */
    static final MapStateDescriptor<String, RuleChange> STATE =
            new MapStateDescriptor<>("rules", Types.STRING, TypeInformation.of(RuleChange.class));

    private final Map<String, Rule> byId = new HashMap<>();
    private Rule[] all = new Rule[0];
    private boolean stale = true;

    /** After a change of the broadcast state. */
    void invalidate() {
        stale = true;
    }

    boolean stale() {
        return stale;
    }

    /** Rebuilds from the broadcast state's entries; a rule that no longer parses is skipped. */
    void rebuild(Iterable<Map.Entry<String, RuleChange>> entries, Consumer<String> skipped) {
        byId.clear();
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, RuleChange> entry : entries) {
            try {
                Rule rule = RuleParser.parse(entry.getValue().json);
                byId.put(rule.id(), rule);
                rules.add(rule);
            } catch (RuleException e) {
                skipped.accept(entry.getKey() + ": " + e.getMessage());
            }
        }
        rules.sort((a, b) -> a.id().compareTo(b.id()));
        all = rules.toArray(new Rule[0]);
        stale = false;
    }

    Rule get(String id) {
        return byId.get(id);
    }

    Rule[] all() {
        return all;
    }
}
