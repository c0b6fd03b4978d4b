package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DashboardMetricsTest {

    private static final Path DASHBOARD =
            StackCommand.home().resolve("docs/grafana/fraudstream.json");

    @Test
    void readsSampleNamesAndLabelNamesButNotCommentsOfTheTextFormat() {
        Map<String, Set<String>> exposed =
                DashboardMetrics.exposed(
                        "# HELP alertsink_cases Cases by status.\n"
                                + "# TYPE alertsink_cases gauge\n"
                                + "alertsink_cases{status=\"open\",} 3.0\n"
                                + "flink_jobmanager_job_uptime{job_name=\"a=b\",job_id=\"x\"} 1\n"
                                + "alertsink_stream_clients 0.0\n"
                                + "# TYPE alertsink_only_declared counter\n");

        assertThat(exposed)
                .containsOnlyKeys(
                        "alertsink_cases",
                        "flink_jobmanager_job_uptime",
                        "alertsink_stream_clients");
        assertThat(exposed.get("alertsink_cases")).containsExactly("status");
        assertThat(exposed.get("flink_jobmanager_job_uptime"))
                .containsExactly("job_id", "job_name");
        assertThat(exposed.get("alertsink_stream_clients")).isEmpty();
    }

    @Test
    void namesAMissingMetricAndAGroupByLabelNoMetricOfTheQueryCarries() {
        List<DashboardMetrics.Query> queries =
                List.of(
                        new DashboardMetrics.Query(
                                "cases",
                                "sum by (queue) (alertsink_cases)",
                                Set.of("alertsink_cases"),
                                Set.of("queue")),
                        new DashboardMetrics.Query(
                                "lag",
                                "max(kafka_consumer_x)",
                                Set.of("kafka_consumer_x"),
                                Set.of()));

        assertThat(DashboardMetrics.missing(queries, Map.of("alertsink_cases", Set.of("status"))))
                .containsExactly(
                        "cases: label queue in sum by (queue) (alertsink_cases)",
                        "lag: metric kafka_consumer_x");
    }

    @Test
    void everyPanelOfTheDashboardQueriesOurMetricsAndTheJobAndAlertSinkBothAppear()
            throws Exception {
        List<DashboardMetrics.Query> queries = DashboardMetrics.queries(DASHBOARD);

        assertThat(queries).allSatisfy(q -> assertThat(q.metrics()).as(q.expr()).isNotEmpty());
        assertThat(queries)
                .flatMap(DashboardMetrics.Query::metrics)
                .anyMatch(m -> m.startsWith("flink_taskmanager_job_task_operator_"))
                .anyMatch(m -> m.startsWith("flink_jobmanager_job_"))
                .anyMatch(m -> m.startsWith("alertsink_"))
                .anyMatch(m -> m.startsWith("kafka_consumer_"));
        assertThat(queries)
                .extracting(DashboardMetrics.Query::groupBy)
                .anyMatch(labels -> labels.contains("detector"))
                .anyMatch(labels -> labels.contains("action"))
                .anyMatch(labels -> labels.contains("rule"));
    }
}
