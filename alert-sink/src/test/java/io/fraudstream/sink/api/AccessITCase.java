package io.fraudstream.sink.api;

import static io.fraudstream.sink.testing.TestAlerts.T0;
import static io.fraudstream.sink.testing.TestAlerts.alert;
import static io.fraudstream.sink.testing.TestAlerts.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Alert;
import io.fraudstream.events.Topic;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.keys.ApiKey;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.KeyStore;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named keys against a running service: every route with a key of every role (2xx when the role
 * suffices, else 403 naming the role needed), unknown and revoked keys refused, revocation ending
 * open streams, and the audit log naming who did what.
 */
class AccessITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Alerts m-0 .. m-(ALERTS-1), each of its own account, so each is its own case. */
    private static final int ALERTS = 48;

    /**
     * The least role of every route, as this test expects it: written out here so a change to a
     * route's access in {@link ApiServer#ROUTES} is a deliberate change to this table too. {@code
     * null} is no key at all.
     */
    private static final Map<String, Role> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("GET /health", null);
        EXPECTED.put("GET /metrics", Role.READ);
        EXPECTED.put("GET /api/alerts", Role.READ);
        EXPECTED.put("GET /api/alerts/{id}", Role.READ);
        EXPECTED.put("POST /api/alerts/{id}/ack", Role.REVIEW);
        EXPECTED.put("POST /api/alerts/{id}/verdict", Role.REVIEW);
        EXPECTED.put("GET /api/cases", Role.READ);
        EXPECTED.put("GET /api/cases/{id}", Role.READ);
        EXPECTED.put("POST /api/cases/{id}/assign", Role.REVIEW);
        EXPECTED.put("POST /api/cases/{id}/notes", Role.REVIEW);
        EXPECTED.put("POST /api/cases/{id}/resolve", Role.REVIEW);
        EXPECTED.put("GET /api/customer-responses/{token}", null);
        EXPECTED.put("POST /api/customer-responses/{token}", null);
        EXPECTED.put("GET /respond/{token}", null);
        EXPECTED.put("GET /api/stats", Role.READ);
        EXPECTED.put("GET /api/rules", Role.READ);
        EXPECTED.put("PUT /api/rules/{id}", Role.ADMIN);
        EXPECTED.put("DELETE /api/rules/{id}", Role.ADMIN);
        EXPECTED.put("GET /api/stream", Role.READ);
        EXPECTED.put("GET /api/me", Role.READ);
        EXPECTED.put("GET /api/keys", Role.ADMIN);
        EXPECTED.put("POST /api/keys", Role.ADMIN);
        EXPECTED.put("POST /api/keys/{name}/revoke", Role.ADMIN);
        EXPECTED.put("GET /api/audit", Role.ADMIN);
    }

    @TempDir static Path dir;

    private static AlertSinkService service;
    private static final Map<Role, String> KEYS = new LinkedHashMap<>();
    private static final AtomicInteger nextTarget = new AtomicInteger(1);
    private static final AtomicInteger nextName = new AtomicInteger();

    @BeforeAll
    static void startService() throws Exception {
        String alertsTopic = KAFKA.createTopic("alerts", 1);
        String verdictsTopic = KAFKA.createTopic("verdicts", 1);
        // The job's rules topic, where an admin's rule changes go (the service's default name).
        KAFKA.createTopic(Topic.FRAUD_RULES.defaultName(), 1, Map.of("cleanup.policy", "compact"));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < ALERTS; i++) {
            records.add(
                    record(
                            alertsTopic,
                            alert(
                                    "m-" + i,
                                    "acct-m" + i,
                                    Alert.Action.FLAG,
                                    Alert.Severity.HIGH,
                                    T0.plusSeconds(i),
                                    "velocity")));
        }
        KAFKA.produce(records);
        SinkConfig config =
                TestConfigs.service(
                        KAFKA.bootstrapServers(), alertsTopic, verdictsTopic, dir, null);
        service = AlertSinkService.start(config);
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                get("/api/alerts?limit=1", TestConfigs.TOKEN)
                                                .body()
                                                .path("total")
                                                .asInt()
                                        == ALERTS);
        for (Role role : Role.values()) {
            KEYS.put(role, createKey(TestConfigs.TOKEN, role.wireName() + "-key", role));
        }
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private record Response(int status, JsonNode body, String text) {}

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static Response send(String method, String path, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (method.equals("POST") || method.equals("PUT")) {
            builder.header("Content-Type", "application/json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(json == null ? "{}" : json));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (path.startsWith("/api/stream")) {
            // the stream never ends: the status and the first bytes are enough
            HttpResponse<InputStream> response =
                    HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                String text =
                        response.statusCode() == 200
                                ? ""
                                : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new Response(response.statusCode(), parse(text), text);
            }
        }
        HttpResponse<String> response =
                HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), parse(response.body()), response.body());
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Response get(String path, String key) throws IOException, InterruptedException {
        return send("GET", path, key, null);
    }

    private static String createKey(String asKey, String name, Role role) throws Exception {
        Response created =
                send(
                        "POST",
                        "/api/keys",
                        asKey,
                        "{\"name\":\"" + name + "\",\"role\":\"" + role.wireName() + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.body().path("key").asText();
    }

    /**
     * A request for the route that succeeds when allowed: a fresh alert or case for each step that
     * changes one, a fresh key to revoke.
     */
    private static String[] request(ApiServer.Route route, boolean allowed) throws Exception {
        int target = allowed ? nextTarget.getAndIncrement() : 0;
        String path =
                route.path()
                        .replace("/api/alerts/{id}", "/api/alerts/m-" + target)
                        .replace("/api/cases/{id}", "/api/cases/case-m-" + target)
                        .replace("{token}", "no-such-link")
                        .replace("/api/rules/{id}", "/api/rules/rule-" + target);
        String body =
                switch (route.path()) {
                    case "/api/alerts/{id}/ack", "/api/cases/{id}/assign" ->
                            "{\"analyst\":\"ann\"}";
                    case "/api/alerts/{id}/verdict" -> "{\"analyst\":\"ann\",\"label\":\"FRAUD\"}";
                    case "/api/cases/{id}/notes" -> "{\"analyst\":\"ann\",\"text\":\"called\"}";
                    case "/api/cases/{id}/resolve" ->
                            "{\"analyst\":\"ann\",\"resolution\":\"LEGIT\"}";
                    case "/api/rules/{id}" ->
                            route.method().equals("PUT")
                                    ? "{\"id\":\"rule-"
                                            + target
                                            + "\",\"version\":1,\"groupBy\":[\"accountId\"],"
                                            + "\"aggregate\":{\"function\":\"COUNT\"},"
                                            + "\"window\":\"10 min\",\"condition\":{\"op\":\">\","
                                            + "\"threshold\":3},\"score\":0.7}"
                                    : null;
                    case "/api/keys" ->
                            "{\"name\":\"made-"
                                    + nextName.incrementAndGet()
                                    + "\",\"role\":\"read\"}";
                    default -> null;
                };
        if (route.path().equals("/api/keys/{name}/revoke")) {
            String name = "doomed-" + nextName.incrementAndGet();
            createKey(TestConfigs.TOKEN, name, Role.READ);
            path = "/api/keys/" + name + "/revoke";
        }
        if (route.path().equals("/api/alerts/{id}") || route.path().equals("/api/cases/{id}")) {
            path = path.replace("m-" + target, "m-0");
        }
        return new String[] {path, body};
    }

    @Test
    void everyRouteHasTheRoleThisTestExpects() {
        Map<String, Role> actual =
                ApiServer.ROUTES.stream()
                        .collect(
                                Collectors.toMap(
                                        r -> r.method() + " " + r.path(),
                                        r -> r.access().role == null ? Role.READ : r.access().role,
                                        (a, b) -> a,
                                        LinkedHashMap::new));
        Map<String, Role> expected = new LinkedHashMap<>();
        EXPECTED.forEach((k, v) -> expected.put(k, v == null ? Role.READ : v));
        Map<String, Boolean> publicRoutes = new LinkedHashMap<>();
        ApiServer.ROUTES.forEach(
                r ->
                        publicRoutes.put(
                                r.method() + " " + r.path(),
                                r.access() == ApiServer.Access.PUBLIC));

        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        EXPECTED.forEach(
                (route, role) ->
                        assertThat(publicRoutes.get(route)).as(route).isEqualTo(role == null));
    }

    @Test
    void eachRoleGets2xxWhereItsRoleSufficesAnd403NamingTheRoleElsewhere() throws Exception {
        List<String> failures = new ArrayList<>();
        for (ApiServer.Route route : ApiServer.ROUTES) {
            Role needed = EXPECTED.get(route.method() + " " + route.path());
            if (needed == null) {
                String[] request = request(route, false);
                Response response = send(route.method(), request[0], null, request[1]);
                if (response.status() == 401 || response.status() == 403) {
                    failures.add(route + " without a key: " + response.status());
                }
                continue;
            }
            for (Role role : Role.values()) {
                boolean allowed = role.includes(needed);
                String[] request = request(route, allowed);
                Response response = send(route.method(), request[0], KEYS.get(role), request[1]);
                boolean ok =
                        allowed
                                ? response.status() / 100 == 2
                                : response.status() == 403
                                        && response.body()
                                                .path("requiredRole")
                                                .asText()
                                                .equals(needed.wireName())
                                        && response.body()
                                                .path("error")
                                                .asText()
                                                .contains("needs the role " + needed.wireName());
                if (!ok) {
                    failures.add(
                            route.method()
                                    + " "
                                    + request[0]
                                    + " as "
                                    + role.wireName()
                                    + ": "
                                    + response.status()
                                    + " "
                                    + response.text());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aReadKeyCannotPostAVerdictAndTheAuditLogShowsWhoDid() throws Exception {
        String alertPath = "/api/alerts/m-" + nextTarget.getAndIncrement();
        String verdict = "{\"analyst\":\"ann\",\"label\":\"FRAUD\",\"note\":\"stolen\"}";

        Response refused = send("POST", alertPath + "/verdict", KEYS.get(Role.READ), verdict);
        String statusAfterRefusal =
                get(alertPath, KEYS.get(Role.READ)).body().path("status").asText();
        Response done = send("POST", alertPath + "/verdict", KEYS.get(Role.REVIEW), verdict);
        String target = alertPath.substring("/api/alerts/".length());
        Response audit = get("/api/audit?target=" + target, KEYS.get(Role.ADMIN));
        Response auditAsReviewer = get("/api/audit", KEYS.get(Role.REVIEW));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").asText())
                .contains("'read-key' has the role read", "needs the role review");
        assertThat(statusAfterRefusal).isEqualTo("OPEN");
        assertThat(done.status()).isEqualTo(200);
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().path("total").asInt()).isEqualTo(1);
        JsonNode entry = audit.body().path("items").get(0);
        assertThat(entry.path("actor").asText()).isEqualTo("review-key");
        assertThat(entry.path("role").asText()).isEqualTo("review");
        assertThat(entry.path("action").asText()).isEqualTo("alert.verdict");
        assertThat(entry.path("targetType").asText()).isEqualTo("alert");
        assertThat(entry.path("detail").asText()).isEqualTo("label=FRAUD analyst=ann");
        assertThat(entry.path("at").asText()).isNotEmpty();
        assertThat(auditAsReviewer.status()).isEqualTo(403);
    }

    @Test
    void anAdminPublishesAndDeletesARuleOnTheRulesTopicAndTheAuditLogShowsIt() throws Exception {
        String rule =
                "{\"id\":\"big-spend\",\"version\":2,\"mode\":\"SHADOW\",\"groupBy\":"
                        + "[\"accountId\"],\"aggregate\":{\"function\":\"SUM\",\"field\":"
                        + "\"amount\"},\"window\":\"1 h\",\"condition\":{\"op\":\">\","
                        + "\"threshold\":5000},\"score\":0.6}";

        Response asReviewer = send("PUT", "/api/rules/big-spend", KEYS.get(Role.REVIEW), rule);
        Response otherId = send("PUT", "/api/rules/other", KEYS.get(Role.ADMIN), rule);
        Response published = send("PUT", "/api/rules/big-spend", KEYS.get(Role.ADMIN), rule);
        Response deleted = send("DELETE", "/api/rules/big-spend", KEYS.get(Role.ADMIN), null);
        Response audit = get("/api/audit?target=big-spend", KEYS.get(Role.ADMIN));

        assertThat(asReviewer.status()).isEqualTo(403);
        assertThat(otherId.status()).isEqualTo(400);
        assertThat(otherId.body().path("error").asText()).contains("must be the path's, other");
        assertThat(published.status()).as(published.text()).isEqualTo(202);
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(202);
        List<ConsumerRecord<byte[], byte[]>> onTopic =
                KAFKA.readAll(Topic.FRAUD_RULES.defaultName(), false).stream()
                        .filter(
                                r ->
                                        new String(r.key(), StandardCharsets.UTF_8)
                                                .equals("big-spend"))
                        .toList();
        assertThat(onTopic).hasSize(2);
        assertThat(JSON.readTree(onTopic.get(0).value())).isEqualTo(JSON.readTree(rule));
        assertThat(onTopic.get(1).value()).as("the tombstone").isNull();
        assertThat(audit.body().path("items"))
                .extracting(e -> e.path("action").asText() + " by " + e.path("actor").asText())
                .containsExactlyInAnyOrder("rule.delete by admin-key", "rule.publish by admin-key");
        assertThat(audit.body().path("items"))
                .filteredOn(e -> e.path("action").asText().equals("rule.publish"))
                .extracting(e -> e.path("detail").asText())
                .containsExactly("version=2 mode=SHADOW");
    }

    @Test
    void unknownKeysAndKeysRevokedThroughTheApiOrTheDatabaseAreRefused() throws Exception {
        String viaApi = createKey(KEYS.get(Role.ADMIN), "revoked-by-api", Role.REVIEW);
        String viaCli = createKey(KEYS.get(Role.ADMIN), "revoked-by-cli", Role.REVIEW);
        assertThat(get("/api/me", viaApi).status()).isEqualTo(200);
        assertThat(get("/api/me", viaCli).body().path("name").asText()).isEqualTo("revoked-by-cli");

        Response revoke =
                send("POST", "/api/keys/revoked-by-api/revoke", KEYS.get(Role.ADMIN), null);
        // what `bin/alert-sink keys revoke` does: another process on the same database
        try (Database database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"), 2)) {
            new KeyStore(database, Clock.systemUTC())
                    .revoke("revoked-by-cli", new Actor("cli:test", Role.ADMIN));
        }
        String unknown = ApiKey.generate().text();

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.body().path("revokedAt").asText()).isNotEmpty();
        for (String key : List.of(viaApi, viaCli, unknown)) {
            Response refused = get("/api/alerts?limit=1", key);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.text()).doesNotContain("acct-m");
        }
        assertThat(
                        send("POST", "/api/keys/revoked-by-api/revoke", KEYS.get(Role.ADMIN), null)
                                .status())
                .isEqualTo(409);
        assertThat(
                        send("POST", "/api/keys/no-such-key/revoke", KEYS.get(Role.ADMIN), null)
                                .status())
                .isEqualTo(404);
    }

    @Test
    void theKeyListShowsNamesAndRolesButNeverAKeyOrItsHash() throws Exception {
        String key = createKey(KEYS.get(Role.ADMIN), "listed", Role.READ);

        Response list = get("/api/keys", KEYS.get(Role.ADMIN));
        Response again =
                send(
                        "POST",
                        "/api/keys",
                        KEYS.get(Role.ADMIN),
                        "{\"name\":\"listed\",\"role\":\"read\"}");
        Response badRole =
                send(
                        "POST",
                        "/api/keys",
                        KEYS.get(Role.ADMIN),
                        "{\"name\":\"x1\",\"role\":\"root\"}");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text())
                .contains("\"listed\"", "\"read-key\"")
                .doesNotContain(ApiKey.parse(key).orElseThrow().secret(), "$2a$", "fsk_");
        assertThat(again.status()).isEqualTo(409);
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.body().path("error").asText()).startsWith("role: must be one of read");
    }

    @Test
    void revokingAKeyEndsItsOpenStream() throws Exception {
        String key = createKey(KEYS.get(Role.ADMIN), "streamer", Role.READ);
        HttpResponse<InputStream> stream =
                HTTP.send(
                        HttpRequest.newBuilder(uri("/api/stream?access_token=" + key))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ended =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                while (reader.readLine() != null) {
                                    // events until the server closes the stream
                                }
                            } catch (IOException e) {
                                // a reset connection ends the stream too
                            }
                        });

        assertThat(send("POST", "/api/keys/streamer/revoke", KEYS.get(Role.ADMIN), null).status())
                .isEqualTo(200);

        ended.get(30, TimeUnit.SECONDS);
        reader.close();
    }
}
