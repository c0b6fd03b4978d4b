package io.fraudstream.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardMetricsTest {

    private static final Path DASHBOARD =
            StackCommand.home().resolve("docs/grafana/fraudstream.json");

    private static final String SCRAPE =
            "# HELP alertsink_cases Cases by status.\n"
                    + "# TYPE alertsink_cases gauge\n"
                    + "alertsink_cases{status=\"open\",} 3.0\n"
                    + "flink_jobmanager_job_uptime{job_name=\"a=b\",job_id=\"x\"} 1\n"
                    + "flink_taskmanager_job_task_operator_pendingRecords{operator_name="
                    + "\"Source:_transactions\",job_name=\"j\"} 0.0\n"
                    + "alertsink_stream_clients 0.0\n"
                    + "# TYPE alertsink_only_declared counter\n";

    @Test
    void readsSamplesWithTheirLabelsButNotCommentsOfTheTextFormatAcrossScrapes() {
        Map<String, List<Map<String, String>>> exposed =
                DashboardMetrics.exposed(SCRAPE, "alertsink_cases{status=\"resolved\"} 1\n");

        assertThat(exposed)
                .containsOnlyKeys(
                        "alertsink_cases",
                        "flink_jobmanager_job_uptime",
                        "flink_taskmanager_job_task_operator_pendingRecords",
                        "alertsink_stream_clients");
        assertThat(exposed.get("alertsink_cases"))
                .containsExactly(Map.of("status", "open"), Map.of("status", "resolved"));
        assertThat(exposed.get("flink_jobmanager_job_uptime"))
                .containsExactly(Map.of("job_name", "a=b", "job_id", "x"));
        assertThat(exposed.get("alertsink_stream_clients")).containsExactly(Map.of());
    }

    @Test
    void namesAMissingMetricASelectorNoSampleMatchesAndAGroupByLabelNoMetricCarries() {
        List<DashboardMetrics.Query> queries =
                List.of(
                        DashboardMetrics.query("cases", "sum by (queue) (alertsink_cases)"),
                        DashboardMetrics.query("lag", "max(kafka_consumer_x)"),
                        DashboardMetrics.query(
                                "source",
                                "sum(flink_taskmanager_job_task_operator_pendingRecords"
                                        + "{job_name=~\"$job\",operator_name=~\"Source:_verdicts.*\"})"),
                        DashboardMetrics.query(
                                "fine",
                                "sum(flink_taskmanager_job_task_operator_pendingRecords"
                                        + "{job_name=~\"$job\",operator_name=~\"Source:_trans.*\"})"
                                        + " + sum by (status) (alertsink_cases{status!=\"x\"})"));

        assertThat(DashboardMetrics.missing(queries, DashboardMetrics.exposed(SCRAPE)))
                .containsExactly(
                        "cases: label queue in sum by (queue) (alertsink_cases)",
                        "lag: metric kafka_consumer_x",
                        "source: no sample of flink_taskmanager_job_task_operator_pendingRecords"
                                + " matches [LabelMatcher[label=operator_name, op==~,"
                                + " value=Source:_verdicts.*]]");
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
