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
 * Prometheus scrapes: every metric name in every query and template variable, and every label a
 * query groups by, must be exposed by one of the scraped processes.
 */
final class DashboardMetrics {

    /** Metric names of our processes: Flink's reporter, the alert-sink's and its Kafka client's. */
    private static final Pattern METRIC =
            Pattern.compile("\\b((?:flink_|alertsink_|kafka_consumer_)[A-Za-z0-9_]+)");

    private static final Pattern GROUP_BY = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");

    /** One line of the text exposition format: a name, optional labels, a value. */
    private static final Pattern SAMPLE =
            Pattern.compile("^([A-Za-z_:][A-Za-z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+.*$");

    private static final Pattern LABEL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"");

    /** One query: the metric names it reads and the labels it groups by. */
    record Query(String panel, String expr, Set<String> metrics, Set<String> groupBy) {}

    private DashboardMetrics() {}

    static List<Query> queries(Path dashboard) throws IOException {
        JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(query(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
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

    private static Query query(String panel, String expr) {
        Set<String> metrics = new LinkedHashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            metrics.add(m.group(1));
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
        return new Query(panel, expr, metrics, groupBy);
    }

    /**
     * The metrics with at least one sample in a Prometheus text exposition, each with the union of
     * its samples' label names.
     */
    static Map<String, Set<String>> exposed(String exposition) {
        Map<String, Set<String>> metrics = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (!sample.matches()) {
                continue;
            }
            Set<String> labels = metrics.computeIfAbsent(sample.group(1), k -> new TreeSet<>());
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.add(label.group(1));
                }
            }
        }
        return metrics;
    }

    /**
     * What the dashboard queries that no scrape exposes: a missing metric, or a group-by label none
     * of the query's metrics carries. Empty when the dashboard and the processes agree.
     */
    static List<String> missing(List<Query> queries, Map<String, Set<String>> exposed) {
        List<String> missing = new ArrayList<>();
        for (Query query : queries) {
            Set<String> labels = new TreeSet<>();
            for (String metric : query.metrics()) {
                Set<String> found = exposed.get(metric);
                if (found == null) {
                    missing.add(query.panel() + ": metric " + metric);
                } else {
                    labels.addAll(found);
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
