package io.fraudstream.sink.api;

import static io.fraudstream.sink.testing.TestAlerts.T0;
import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.testing.Dialect;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP API of a running service against a real broker: authentication, filters and pagination,
 * validation, the review steps, verdict publishing, the live stream, metrics.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
class ApiITCase {

    @Parameter Dialect dialect;

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String WINDOW = "from=" + T0 + "&to=" + T0.plus(Duration.ofHours(1));

    @TempDir static Path dir;

    private static String alertsTopic;
    private static String verdictsTopic;
    private static AlertSinkService service;

    @BeforeParameterizedClassInvocation
    static void startService(Dialect dialect) throws Exception {
        alertsTopic = KAFKA.createTopic("alerts", 2);
        verdictsTopic = KAFKA.createTopic("verdicts", 1);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            records.add(
                    record(
                            alertsTopic,
                            alert(
                                    String.format("f-%02d", i),
                                    i % 2 == 0 ? "acct-f1" : "acct-f2",
                                    i % 3 == 0 ? Alert.Action.BLOCK : Alert.Action.FLAG,
                                    i >= 8
                                            ? Alert.Severity.CRITICAL
                                            : i >= 4 ? Alert.Severity.HIGH : Alert.Severity.LOW,
                                    T0.plus(Duration.ofMinutes(i)),
                                    i % 2 == 0
                                            ? new String[] {"velocity", "geo"}
                                            : new String[] {"velocity"})));
        }
        for (int i = 1; i <= 3; i++) {
            records.add(
                    record(
                            alertsTopic,
                            alert(
                                    "life-" + i,
                                    "acct-life",
                                    Alert.Action.FLAG,
                                    Alert.Severity.HIGH,
                                    T0.minus(Duration.ofDays(1)),
                                    "amount")));
        }
        KAFKA.produce(records);
        SinkConfig config =
                TestConfigs.service(
                        KAFKA.bootstrapServers(),
                        alertsTopic,
                        verdictsTopic,
                        dialect.newDatabase(dir.resolve(dialect.name())),
                        null);
        service = AlertSinkService.start(config);
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                get("/api/alerts?limit=1", TestConfigs.TOKEN)
                                                .body()
                                                .path("total")
                                                .asInt()
                                        == 15);
    }

    @AfterParameterizedClassInvocation
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private record Response(int status, JsonNode body, String text, HttpResponse<String> raw) {}

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static Response send(HttpRequest.Builder builder, String authorization)
            throws IOException, InterruptedException {
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<String> response =
                HTTP.send(
                        builder.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        return new Response(
                response.statusCode(),
                body == null ? JSON.createObjectNode() : body,
                response.body(),
                response);
    }

    private static Response get(String path, String token)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path)).GET(), token == null ? null : "Bearer " + token);
    }

    private static Response post(String path, String token, String json)
            throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                token == null ? null : "Bearer " + token);
    }

    private static List<String> ids(Response response) {
        List<String> ids = new ArrayList<>();
        response.body().path("items").forEach(item -> ids.add(item.path("alertId").asText()));
        return ids;
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void healthIsOpenAndTheDashboardShellNeedsNoToken() throws Exception {
        Response health = get("/health", null);
        Response index = get("/", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("UP");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("fraudstream alerts").doesNotContain("f-0");
        assertThat(index.raw().headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        assertThat(get("/app.js", null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GET /api/alerts",
                "GET /api/alerts/f-01",
                "POST /api/alerts/f-01/ack",
                "POST /api/alerts/f-01/verdict",
                "GET /api/stats",
                "GET /api/stream",
                "GET /metrics",
                "GET /api/no-such-thing"
            })
    void refusesRequestsWithoutOrWithAWrongToken(String request) throws Exception {
        String[] parts = request.split(" ");
        for (String authorization :
                new String[] {
                    null,
                    "Bearer wrong-token-0123456789",
                    "Basic " + TestConfigs.TOKEN,
                    "Bearer ",
                    TestConfigs.TOKEN
                }) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri(parts[1]));
            builder =
                    parts[0].equals("GET")
                            ? builder.GET()
                            : builder.POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"analyst\":\"x\",\"label\":\"FRAUD\"}"));
            Response response = send(builder, authorization);

            assertThat(response.status()).as("%s with %s", request, authorization).isEqualTo(401);
            assertThat(response.text()).doesNotContain("acct-f");
            assertThat(response.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        }
        assertThat(get("/api/alerts/f-01", null).body().path("error").asText())
                .contains("missing bearer token");
    }

    @Test
    void acceptsTheTokenCaseInsensitiveSchemeButTheQueryTokenOnlyOnTheStream() throws Exception {
        Response lowerCase =
                send(
                        HttpRequest.newBuilder(uri("/api/alerts?limit=1")).GET(),
                        "bearer " + TestConfigs.TOKEN);
        Response queryToken = get("/api/alerts?access_token=" + TestConfigs.TOKEN, null);

        assertThat(lowerCase.status()).isEqualTo(200);
        assertThat(queryToken.status()).isEqualTo(401);
    }

    @Test
    void filtersByEveryParameter() throws Exception {
        assertThat(get("/api/alerts?" + WINDOW, TestConfigs.TOKEN).body().path("total").asInt())
                .isEqualTo(12);
        assertThat(ids(get("/api/alerts?action=BLOCK&" + WINDOW, TestConfigs.TOKEN)))
                .containsExactly("f-09", "f-06", "f-03", "f-00");
        assertThat(
                        get("/api/alerts?severity=HIGH,critical&" + WINDOW, TestConfigs.TOKEN)
                                .body()
                                .path("total")
                                .asInt())
                .isEqualTo(8);
        assertThat(
                        ids(
                                get(
                                        "/api/alerts?action=BLOCK&severity=CRITICAL&" + WINDOW,
                                        TestConfigs.TOKEN)))
                .containsExactly("f-09");
        assertThat(
                        get("/api/alerts?account=acct-f1", TestConfigs.TOKEN)
                                .body()
                                .path("total")
                                .asInt())
                .isEqualTo(6);
        assertThat(ids(get("/api/alerts?detector=amount", TestConfigs.TOKEN)))
                .containsExactlyInAnyOrder("life-1", "life-2", "life-3");
        assertThat(
                        get("/api/alerts?detector=geo&" + WINDOW, TestConfigs.TOKEN)
                                .body()
                                .path("total")
                                .asInt())
                .isEqualTo(6);
        assertThat(
                        get("/api/alerts?status=OPEN&" + WINDOW, TestConfigs.TOKEN)
                                .body()
                                .path("total")
                                .asInt())
                .isEqualTo(12);
        assertThat(
                        ids(
                                get(
                                        "/api/alerts?from="
                                                + T0.plus(Duration.ofMinutes(2))
                                                + "&to="
                                                + T0.plus(Duration.ofMinutes(5)),
                                        TestConfigs.TOKEN)))
                .containsExactly("f-04", "f-03", "f-02");
    }

    @Test
    void pagesNewestFirstWithTheTotal() throws Exception {
        Response first = get("/api/alerts?limit=5&offset=0&" + WINDOW, TestConfigs.TOKEN);
        Response second = get("/api/alerts?limit=5&offset=5&" + WINDOW, TestConfigs.TOKEN);
        Response last = get("/api/alerts?limit=5&offset=10&" + WINDOW, TestConfigs.TOKEN);

        assertThat(ids(first)).containsExactly("f-11", "f-10", "f-09", "f-08", "f-07");
        assertThat(ids(second)).containsExactly("f-06", "f-05", "f-04", "f-03", "f-02");
        assertThat(ids(last)).containsExactly("f-01", "f-00");
        assertThat(last.body().path("total").asInt()).isEqualTo(12);
        assertThat(last.body().path("offset").asInt()).isEqualTo(10);
    }

    @Test
    void rejectsInvalidParametersWithA400ThatSaysWhy() throws Exception {
        assertThat(
                        get("/api/alerts?status=CLOSED", TestConfigs.TOKEN)
                                .body()
                                .path("error")
                                .asText())
                .startsWith("status: must be one or more of [OPEN, ACKNOWLEDGED, RESOLVED]");
        assertThat(get("/api/alerts?limit=0", TestConfigs.TOKEN).body().path("error").asText())
                .isEqualTo("limit: must be in [1, 500], was 0");
        assertThat(
                        get("/api/alerts?from=yesterday", TestConfigs.TOKEN)
                                .body()
                                .path("error")
                                .asText())
                .startsWith("from: must be an ISO-8601 instant");
        assertThat(get("/api/alerts?sort=score", TestConfigs.TOKEN).body().path("error").asText())
                .startsWith("unknown parameter 'sort'");
        assertThat(
                        get("/api/alerts?account=a&account=b", TestConfigs.TOKEN)
                                .body()
                                .path("error")
                                .asText())
                .startsWith("account: given more than once");
        assertThat(
                        get(
                                        "/api/stats?from=" + T0 + "&to=" + T0.minusSeconds(1),
                                        TestConfigs.TOKEN)
                                .status())
                .isEqualTo(400);
        assertThat(
                        post(
                                        "/api/alerts/life-3/verdict",
                                        TestConfigs.TOKEN,
                                        "{\"analyst\":\"a\",\"label\":\"MAYBE\"}")
                                .body()
                                .path("error")
                                .asText())
                .startsWith("label: must be one or more of [FRAUD, LEGIT]");
        assertThat(
                        post("/api/alerts/life-3/ack", TestConfigs.TOKEN, "{}")
                                .body()
                                .path("error")
                                .asText())
                .startsWith("analyst: required");
        assertThat(
                        post("/api/alerts/life-3/ack", TestConfigs.TOKEN, "{not json")
                                .body()
                                .path("error")
                                .asText())
                .startsWith("body: not valid JSON: Unexpected character");
        assertThat(get("/api/alerts/nope", TestConfigs.TOKEN).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "' OR '1'='1",
                "' OR 1=1 --",
                "acct-f1' --",
                "1; DROP TABLE alerts; --",
                "x') OR ('a'='a",
                "\" OR \"\"=\"",
                "1 UNION SELECT alert_id FROM alerts",
                "OPEN' OR status <> '",
                "%",
                "*/ OR 1=1 /*"
            })
    void sqlInjectionInAnyParameterGets400OrNothing(String payload) throws Exception {
        for (String param :
                List.of(
                        "status",
                        "severity",
                        "action",
                        "account",
                        "detector",
                        "from",
                        "to",
                        "limit",
                        "offset")) {
            Response response = get("/api/alerts?" + param + "=" + q(payload), TestConfigs.TOKEN);

            assertThat(response.status()).as("%s=%s", param, payload).isIn(200, 400);
            if (response.status() == 200) {
                assertThat(response.body().path("total").asInt())
                        .as("%s=%s", param, payload)
                        .isZero();
                assertThat(ids(response)).isEmpty();
            }
        }
        Response byId = get("/api/alerts/" + q(payload).replace("+", "%20"), TestConfigs.TOKEN);
        assertThat(byId.status()).isIn(400, 404);
        Response stats = get("/api/stats?from=" + q(payload), TestConfigs.TOKEN);
        assertThat(stats.status()).isEqualTo(400);
        assertThat(get("/api/alerts?limit=1", TestConfigs.TOKEN).body().path("total").asInt())
                .as("every alert is still there")
                .isGreaterThanOrEqualTo(15);
    }

    @Test
    void acknowledgesOnceAndThenConflicts() throws Exception {
        Response ack = post("/api/alerts/life-1/ack", TestConfigs.TOKEN, "{\"analyst\":\"alice\"}");
        Response again = post("/api/alerts/life-1/ack", TestConfigs.TOKEN, "{\"analyst\":\"bob\"}");
        Response missing = post("/api/alerts/nope/ack", TestConfigs.TOKEN, "{\"analyst\":\"bob\"}");

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().path("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.body().path("acknowledgedBy").asText()).isEqualTo("alice");
        assertThat(Instant.parse(ack.body().path("acknowledgedAt").asText()))
                .isAfter(Instant.now().minusSeconds(60));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("error").asText()).contains("it is ACKNOWLEDGED");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void aVerdictResolvesTheAlertAndIsPublishedToTheVerdictsTopic() throws Exception {
        Response verdict =
                post(
                        "/api/alerts/life-2/verdict",
                        TestConfigs.TOKEN,
                        "{\"analyst\":\"carol\",\"label\":\"FRAUD\",\"note\":\"customer confirmed\"}");
        Response again =
                post(
                        "/api/alerts/life-2/verdict",
                        TestConfigs.TOKEN,
                        "{\"analyst\":\"dan\",\"label\":\"LEGIT\"}");

        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body().path("status").asText()).isEqualTo("RESOLVED");
        assertThat(verdict.body().path("resolution").asText()).isEqualTo("FRAUD");
        assertThat(verdict.body().path("resolvedBy").asText()).isEqualTo("carol");
        assertThat(again.status()).isEqualTo(409);
        List<ConsumerRecord<byte[], byte[]>> published = KAFKA.consume(verdictsTopic, 1, TIMEOUT);
        assertThat(published).hasSize(1);
        assertThat(new String(published.get(0).key(), StandardCharsets.UTF_8))
                .isEqualTo("acct-life");
        Verdict v = VerdictCodec.INSTANCE.decode(published.get(0).value());
        assertThat(v.alertId()).isEqualTo("life-2");
        assertThat(v.transactionId()).isEqualTo("tx-life-2");
        assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
        assertThat(v.source()).isEqualTo(Verdict.Source.ANALYST);
        assertThat(v.note()).isEqualTo("customer confirmed");
        assertThat(v.terminalId()).isEqualTo("term-acct-life");
        assertThat(v.merchantId()).isEqualTo("m-acct-life");
        assertThat(v.eventTime()).isEqualTo(T0.minus(Duration.ofDays(1)).minusSeconds(2));
        JsonNode detail = get("/api/alerts/life-2", TestConfigs.TOKEN).body();
        assertThat(detail.path("notifications").findValuesAsText("channel")).contains("verdicts");
    }

    @Test
    void theDetailHasReasonsRelatedTransactionsAndDeliveries() throws Exception {
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                get("/api/alerts/f-03", TestConfigs.TOKEN)
                                        .body()
                                        .path("notifications")
                                        .findValuesAsText("state")
                                        .contains("DELIVERED"));
        JsonNode detail = get("/api/alerts/f-03", TestConfigs.TOKEN).body();

        assertThat(detail.path("reasons").get(0).path("detector").asText()).isEqualTo("velocity");
        assertThat(detail.path("reasons").get(0).path("threshold").asDouble()).isEqualTo(5.0);
        assertThat(detail.path("relatedTransactionIds").get(0).asText()).isEqualTo("tx-f-03-a");
        assertThat(detail.path("notifications").get(0).path("channel").asText()).isEqualTo("log");
        assertThat(detail.path("ruleVersion").asText()).isEqualTo("rules-v1");
    }

    @Test
    void countsAlertsPerMinuteByDetectorAndAction() throws Exception {
        JsonNode stats = get("/api/stats?" + WINDOW, TestConfigs.TOKEN).body();

        List<String> buckets = new ArrayList<>();
        stats.path("buckets")
                .forEach(
                        b ->
                                buckets.add(
                                        b.path("minute").asText()
                                                + " "
                                                + b.path("detector").asText()
                                                + " "
                                                + b.path("action").asText()
                                                + " "
                                                + b.path("count").asInt()));
        assertThat(buckets)
                .hasSize(18)
                .contains(
                        T0 + " geo BLOCK 1",
                        T0 + " velocity BLOCK 1",
                        T0.plus(Duration.ofMinutes(1)) + " velocity FLAG 1");
    }

    @Test
    void streamsNewAlertsToClientsWithTheQueryToken() throws Exception {
        assertThat(get("/api/stream?access_token=wrong-token-0123456789", null).status())
                .isEqualTo(401);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpRequest request =
                HttpRequest.newBuilder(uri("/api/stream?access_token=" + q(TestConfigs.TOKEN)))
                        .header("Accept", "text/event-stream") // as a browser's EventSource
                        .GET()
                        .build();
        HttpResponse<Stream<String>> response =
                HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            awaitLine(lines, "event: hello");

            KAFKA.produce(
                    List.of(
                            record(
                                    alertsTopic,
                                    alert(
                                            "sse-1",
                                            "acct-sse",
                                            Alert.Action.BLOCK,
                                            Alert.Severity.CRITICAL,
                                            Instant.now(),
                                            "velocity"))));

            awaitLine(lines, "event: alert");
            String data = awaitLine(lines, "data:");
            assertThat(data)
                    .contains("\"alertId\":\"sse-1\"")
                    .contains("\"severity\":\"CRITICAL\"");
        } finally {
            response.body().close();
        }
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with " + prefix + " within " + TIMEOUT);
    }

    @Test
    void exposesPrometheusMetrics() throws Exception {
        Response metrics = get("/metrics", TestConfigs.TOKEN);

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        get("/api/alerts/f-01", TestConfigs.TOKEN); // one request to a route with an id
        Response again = get("/metrics", TestConfigs.TOKEN);
        assertThat(metrics.text())
                .containsPattern("(?m)^alertsink_alerts_ingested_total (1[5-9]|[2-9][0-9])\\.0$")
                .contains("# TYPE alertsink_ingest_batch_seconds histogram")
                .containsPattern("(?m)^alertsink_ingest_batch_seconds_bucket\\{le=\"0\\.005\"\\} ")
                .containsPattern(
                        "(?m)^alertsink_notifications\\{channel=\"log\",state=\"(pending|delivered)\"\\} \\d+")
                .contains("alertsink_records_quarantined_total 0.0")
                // the cases of the fifteen alerts: one per account and window
                .containsPattern("(?m)^alertsink_cases\\{status=\"open\"\\} [1-9]")
                .containsPattern("(?m)^alertsink_cases_waiting\\{queue=\"analyst\"\\} ")
                // the JVM, from Micrometer's binders
                .contains("jvm_memory_used_bytes{")
                .contains("jvm_threads_live_threads")
                .contains("process_uptime_seconds");
        // HTTP requests by route template, never by the id in the path
        assertThat(again.text())
                .containsPattern(
                        "(?m)^alertsink_http_requests_seconds_count\\{method=\"GET\",route=\"/api/alerts/\\{id\\}\",status=\"200\"\\} [1-9]")
                .doesNotContain("route=\"/api/alerts/f-01\"");
    }
}
