package io.fraudstream.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Grafana dashboard ({@code docs/grafana/fraudstream.json}) queries, checked against
 * Prometheus scrapes: every metric in every query and template variable must have a sample that
 * matches the query's label selector (so no panel stays empty), and every label a query groups by
 * must be on the metric.
 */
final class DashboardMetrics {

    /** A metric of our processes, with its selector if any: {@code flink_x{job_name=~"$job"}}. */
    private static final Pattern METRIC =
            Pattern.compile(
                    "\\b((?:flink_|alertsink_|kafka_consumer_)[A-Za-z0-9_]+)(\\{[^}]*\\})?");

    private static final Pattern GROUP_BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    /** One matcher of a selector: {@code operator_name=~"Source:_transactions.*"}. */
    private static final Pattern MATCHER =
            Pattern.compile(
                    "([A-Za-z_][A-Za-z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line of the text exposition format: a name, optional labels, a value. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+.*$");

    private static final Pattern LABEL =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One metric as a query reads it: its name and the matchers of its selector. */
    record Selector(String metric, List<LabelMatcher> matchers) {}

    /** A label matcher: the label, the operator ({@code =}, {@code !=}, {@code =~}, {@code !~}). */
    record LabelMatcher(String label, String op, String value) {

        boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case "=" -> actual.equals(value);
                case "!=" -> !actual.equals(value);
                case "=~" -> actual.matches(value);
                default -> !actual.matches(value);
            };
        }
    }

    /** One query: the metrics it reads, with their selectors, and the labels it groups by. */
    record Query(String panel, String expr, List<Selector> selectors, Set<String> groupBy) {

        Set<String> metrics() {
            Set<String> names = new LinkedHashSet<>();
            selectors.forEach(s -> names.add(s.metric()));
            return names;
        }
    }

    private DashboardMetrics() {}

    static List<Query> queries(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<Query> queries = new ArrayList<>();
        addPanels(root.path("panels"), queries);
        for (JsonNode variable : root.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            if (query.isObject()) {
                queries.add(
                        query(
                                "variable " + variable.path("name").asText(),
                                query.path("query").asText()));
            }
        }
        return queries;
    }

    /** The panels and those inside rows: a collapsed row holds its panels itself. */
    private static void addPanels(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(query(panel.path("title").asText(), target.path("expr").asText()));
            }
            addPanels(panel.path("panels"), queries);
        }
    }

    static Query query(String panel, String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            List<LabelMatcher> matchers = new ArrayList<>();
            if (m.group(2) != null) {
                Matcher matcher = MATCHER.matcher(m.group(2));
                while (matcher.find()) {
                    // A Grafana variable ($job) is whatever the dashboard's user picks.
                    if (!matcher.group(3).contains("$")) {
                        matchers.add(
                                new LabelMatcher(
                                        matcher.group(1), matcher.group(2), matcher.group(3)));
                    }
                }
            }
            selectors.add(new Selector(m.group(1), matchers));
        }
        Set<String> groupBy = new LinkedHashSet<>();
        Matcher g = GROUP_BY.matcher(expr);
        while (g.find()) {
            for (String label : g.group(1).split(",")) {
                if (!label.isBlank()) {
                    groupBy.add(label.strip());
                }
            }
        }
        return new Query(panel, expr, selectors, groupBy);
    }

    /**
     * The samples of one or more Prometheus text expositions, by metric name: each sample's labels.
     */
    static Map<String, List<Map<String, String>>> exposed(String... expositions) {
        Map<String, List<Map<String, String>>> metrics = new LinkedHashMap<>();
        for (String exposition : expositions) {
            for (String line : exposition.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher sample = SAMPLE.matcher(line);
                if (!sample.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                metrics.computeIfAbsent(sample.group(1), k -> new ArrayList<>()).add(labels);
            }
        }
        return metrics;
    }

    /**
     * What the dashboard queries that no scrape exposes: a missing metric, a selector no sample
     * matches, or a group-by label none of the query's metrics carries. Empty when the dashboard
     * and the processes agree.
     */
    static List<String> missing(
            List<Query> queries, Map<String, List<Map<String, String>>> exposed) {
        List<String> missing = new ArrayList<>();
        for (Query query : queries) {
            Set<String> labels = new TreeSet<>();
            for (Selector selector : query.selectors()) {
                List<Map<String, String>> samples = exposed.get(selector.metric());
                if (samples == null) {
                    missing.add(query.panel() + ": metric " + selector.metric());
                    continue;
                }
                samples.forEach(s -> labels.addAll(s.keySet()));
                if (samples.stream()
                        .noneMatch(s -> selector.matchers().stream().allMatch(m -> m.matches(s)))) {
                    missing.add(
                            query.panel()
                                    + ": no sample of "
                                    + selector.metric()
                                    + " matches "
                                    + selector.matchers());
                }
            }
            for (String label : query.groupBy()) {
                if (!labels.contains(label)) {
                    missing.add(query.panel() + ": label " + label + " in " + query.expr());
                }
            }
        }
        return missing;
    }
}
