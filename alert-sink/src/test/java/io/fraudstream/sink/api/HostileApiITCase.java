package io.fraudstream.sink.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Alert;
import io.fraudstream.events.TextRules;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.testing.TestAlerts;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.testing.KafkaClusterExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The adversarial suite of the HTTP API: a corpus of hostile requests (the findings among them) and
 * generated ones, sent as raw bytes to a running service, against alerts whose ids and texts are
 * themselves hostile. Whatever the request, the answer is never a 5xx; every error is JSON with the
 * security headers, the server's own included; a 401 is not cached; a 405 says what is allowed; and
 * no JSON body holds markup or invisible characters unescaped.
 */
class HostileApiITCase {

    private static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = TestConfigs.TOKEN;

    /** An alert whose ids and reason hold markup and a bidi override: valid, but hostile text. */
    private static final String HOSTILE_ID = "<img src=x onerror=alert(1)>";

    private static AlertSinkService service;

    @BeforeContainer
    static void startTheService() throws Exception {
        KAFKA.start();
        Path dir = Files.createTempDirectory("hostile-api");
        String alerts = KAFKA.createTopic("alerts", 1);
        Alert hostile =
                new Alert(
                        HOSTILE_ID,
                        "acct-<script>",
                        "tx-'\"&",
                        List.of("<b>related</b>"),
                        Instant.parse("2026-11-26T17:29:58Z"),
                        Instant.parse("2026-11-26T17:30:00Z"),
                        0.9,
                        Alert.Severity.HIGH,
                        Alert.Action.BLOCK,
                        List.of(
                                new Alert.Reason(
                                        "velocity",
                                        "6 in \u202e10 min\u202c <script>alert(1)</script>\u2028",
                                        6,
                                        5)),
                        "rules-v1",
                        false);
        KAFKA.produce(
                List.of(
                        TestAlerts.record(alerts, hostile),
                        TestAlerts.record(alerts, TestAlerts.alert("a-1", "acct-1"))));
        service =
                AlertSinkService.start(
                        TestConfigs.service(
                                KAFKA.bootstrapServers(),
                                alerts,
                                KAFKA.createTopic("verdicts", 1),
                                dir,
                                null));
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                send(request("GET", "/api/alerts", TOKEN, null)).status() == 200
                                        && send(request("GET", "/api/alerts", TOKEN, null))
                                                        .json()
                                                        .path("total")
                                                        .asInt()
                                                == 2);
    }

    @AfterContainer
    static void stopTheService() throws Exception {
        if (service != null) {
            service.close();
        }
        KAFKA.stop();
    }

    /** The findings and their neighbours, each with the status it must get. */
    @Example
    void everyRequestOfTheCorpusGetsItsStatusAndASafeAnswer() throws Exception {
        Map<byte[], Integer> corpus = new LinkedHashMap<>();
        corpus.put(
                request("GET", "/api/alerts?from=%2B300000000-01-01T00:00:00Z", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?to=%2B300000000-01-01T00:00:00Z", TOKEN, null), 400);
        corpus.put(
                request("GET", "/api/stats?from=%2B300000000-01-01T00:00:00Z", TOKEN, null), 400);
        corpus.put(request("GET", "/api/stats?to=-999999999-01-01T00:00:00Z", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?status=RESOLVED%zz", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?limit=1%", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?account=%ff", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?account=acct%E2%80%AE42", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?account=a%00b", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts?limit=99999999999999", TOKEN, null), 400);
        corpus.put(request("GET", "/api/alerts/acct%E2%80%AE42", TOKEN, null), 400);
        corpus.put(
                request("GET", "/api/alerts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", TOKEN, null),
                200);
        corpus.put(
                request("POST", "/api/alerts/a-1/ack", TOKEN, "{\"analyst\":\"a\"} garbage"), 400);
        corpus.put(
                request(
                        "POST",
                        "/api/alerts/a-1/ack",
                        TOKEN,
                        "{\"analyst\":\"a\",\"analyst\":\"b\"}"),
                400);
        corpus.put(
                request("POST", "/api/alerts/a-1/ack", TOKEN, "{\"analyst\":\"a\\ud800\"}"), 400);
        corpus.put(
                request("POST", "/api/alerts/a-1/ack", TOKEN, "{\"analyst\":\"a\u202eb\"}"), 400);
        corpus.put(
                request("POST", "/api/alerts/a-1/ack", TOKEN, "{\"analyst\":\"<script>\"}"), 200);
        corpus.put(
                request(
                        "POST",
                        "/api/alerts/a-1/verdict",
                        TOKEN,
                        "{\"analyst\":\"x\",\"label\":\"FRAUD\",\"note\":\"a\\udfff\"}"),
                400);
        corpus.put(
                raw("GET /api/alerts/%ff HTTP/1.0\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n"),
                400);
        corpus.put(raw("GET /api/alerts?x=" + "a".repeat(20_000) + " HTTP/1.0\r\n\r\n"), 414);
        corpus.put(
                raw("GET /api/alerts HTTP/1.0\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n"), 431);
        corpus.put(
                "GET /api/\u00ff\u00fe HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                400);
        corpus.put(raw("GET /api/alerts HTTP/9.9\r\n\r\n"), 505);
        corpus.put(request("GET", "/api/alerts", null, null), 401);
        corpus.put(request("GET", "/api/alerts", "wrong-token-0123456789", null), 401);
        corpus.put(request("DELETE", "/api/alerts", TOKEN, null), 405);
        corpus.put(request("PUT", "/api/alerts/a-1/ack", TOKEN, "{}"), 405);
        corpus.put(request("GET", "/api/alerts/a-1/verdict", TOKEN, null), 405);
        corpus.put(request("GET", "/api/nothing-here", TOKEN, null), 404);
        corpus.put(request("GET", "/nothing-here-%E2%80%AE", null, null), 404);

        for (Map.Entry<byte[], Integer> entry : corpus.entrySet()) {
            String shown = new String(entry.getKey(), StandardCharsets.ISO_8859_1);
            Response response = send(entry.getKey());
            assertSafe(shown, response);
            assertThat(response.status())
                    .as(shown.substring(0, Math.min(120, shown.length())))
                    .isEqualTo(entry.getValue());
        }
    }

    @Example
    void theHostileAlertIsListedAndShownEscaped() throws Exception {
        Response list = send(request("GET", "/api/alerts", TOKEN, null));
        Response detail =
                send(
                        request(
                                "GET",
                                "/api/alerts/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
                                TOKEN,
                                null));

        assertSafe("list", list);
        assertSafe("detail", detail);
        assertThat(detail.json().path("alertId").asText()).isEqualTo(HOSTILE_ID);
        assertThat(detail.json().path("reasons").path(0).path("message").asText())
                .contains("\u202e10 min");
        assertThat(new String(detail.body(), StandardCharsets.UTF_8))
                .contains("\\u003Cimg src=x onerror=alert(1)\\u003E")
                .contains("\\u202e");
    }

    @Property(tries = 300, seed = "42")
    void noGeneratedRequestGetsA5xxOrAnUnsafeAnswer(@ForAll("requests") byte[] request)
            throws Exception {
        Response response = send(request);

        assertSafe(new String(request, StandardCharsets.ISO_8859_1), response);
    }

    @Provide
    Arbitrary<byte[]> requests() {
        Arbitrary<String> method =
                Arbitraries.of(
                        "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
                        "HEAD", "TRACE", "FOO");
        Arbitrary<String> segment =
                Arbitraries.of(
                        "a-1",
                        "%ff",
                        "%e2%80%ae",
                        "%00",
                        "x".repeat(300),
                        "%3Cscript%3E",
                        "%zz",
                        "..",
                        "%2e%2e",
                        "%f0%9f%98%80",
                        "a%20b",
                        "%c0%80",
                        "'%20OR%201=1");
        Arbitrary<String> path =
                Combinators.combine(
                                Arbitraries.of(
                                        "/health",
                                        "/metrics",
                                        "/api/alerts",
                                        "/api/alerts/",
                                        "/api/alerts/*",
                                        "/api/alerts/*/ack",
                                        "/api/alerts/*/verdict",
                                        "/api/stats",
                                        "/",
                                        "/index.html",
                                        "/app.js",
                                        "/nope/*",
                                        "/api/../health",
                                        "//api//alerts",
                                        "/api/alerts/*/*/*"),
                                segment)
                        .as((p, s) -> p.replace("*", s));
        Arbitrary<String> name =
                Arbitraries.of(
                        "status",
                        "severity",
                        "action",
                        "account",
                        "detector",
                        "from",
                        "to",
                        "limit",
                        "offset",
                        "x",
                        "access_token",
                        "%zz",
                        "%ff",
                        "a%e2%80%aeb");
        Arbitrary<String> value =
                Arbitraries.of(
                        "RESOLVED%zz",
                        "1%",
                        "%2B300000000-01-01T00:00:00Z",
                        "-1",
                        "99999999999",
                        "1e9",
                        "",
                        "FLAG,BLOCK",
                        "%ff",
                        "%e2%80%ae",
                        "'%20OR%201=1--",
                        "%3Cscript%3Ealert(1)%3C/script%3E",
                        "2026-11-26T17:30:00Z",
                        "x".repeat(2000),
                        "OPEN",
                        "HIGH,,",
                        "%00",
                        "+",
                        "%2B",
                        "2026-13-45T99:99:99Z");
        Arbitrary<String> query =
                Combinators.combine(name, value)
                        .as((n, v) -> n + "=" + v)
                        .list()
                        .ofMaxSize(4)
                        .map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
        Arbitrary<String> token =
                Arbitraries.of(TOKEN, TOKEN, null, "nope", "x".repeat(5000), TOKEN + "\u202e");
        Arbitrary<String> body =
                Arbitraries.of(
                        null,
                        "{\"analyst\":\"a\"} garbage",
                        "{\"analyst\":\"a\",\"analyst\":\"b\"}",
                        "{\"analyst\":\"a\\ud800\"}",
                        "\u00ff\u00fe",
                        "{\"label\":\"FRAUD\",\"analyst\":\"x\"}",
                        "[".repeat(5000),
                        "[]",
                        "null",
                        "{\"analyst\":\"" + "y".repeat(100_000) + "\"}",
                        "{\"analyst\":\"<script>\",\"label\":\"LEGIT\",\"note\":\"\u202e\"}",
                        "{\"analyst\":1e999}",
                        "{\"analyst\":\"ok\",\"x\":1}");
        return Combinators.combine(method, path, query, token, body)
                .as((m, p, q, t, b) -> request(m, p + q, t, b));
    }

    /** Checks what every answer must be, whatever was asked. */
    private static void assertSafe(String request, Response response) {
        String what = request.substring(0, Math.min(160, request.length()));
        assertThat(response.status()).as(what).isBetween(200, 505).isNotIn(500, 501, 502, 503, 504);
        assertThat(response.header("x-content-type-options")).as(what).isEqualTo("nosniff");
        if (response.status() >= 400) {
            assertThat(response.header("content-type")).as(what).startsWith("application/json");
            assertThat(response.header("x-frame-options")).as(what).isEqualTo("DENY");
            assertThat(response.header("content-security-policy")).as(what).contains("default-src");
            if (!request.startsWith("HEAD")) {
                assertThat(response.json().path("error").isTextual()).as(what).isTrue();
            }
        }
        if (response.status() == 401) {
            assertThat(response.header("cache-control")).as(what).isEqualTo("no-store");
        }
        if (response.status() == 405) {
            assertThat(response.header("allow")).as(what).isNotBlank();
        }
        String type = response.header("content-type");
        if (type != null && type.startsWith("application/json")) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            assertThat(text).as(what).doesNotContain("<", ">");
            assertThat(text.codePoints().filter(c -> c < 0x20 || TextRules.invisible(c)))
                    .as(what + ": raw control or invisible characters")
                    .isEmpty();
        }
    }

    private static byte[] request(String method, String target, String token, String body) {
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.0\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\n");
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.UTF_8);
    }

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(
                        "not JSON: " + new String(body, StandardCharsets.UTF_8), e);
            }
        }
    }

    /**
     * Sends raw bytes over HTTP/1.0 and reads the answer until the server closes; a live stream is
     * read up to its headers only.
     */
    private static Response send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and close before the whole request was written.
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int headEnd = -1;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                    byte[] sofar = received.toByteArray();
                    if (headEnd < 0) {
                        headEnd = indexOf(sofar, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    if (headEnd >= 0
                            && new String(sofar, 0, headEnd, StandardCharsets.ISO_8859_1)
                                    .toLowerCase(Locale.ROOT)
                                    .contains("text/event-stream")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 10 s", e);
            }
            byte[] all = received.toByteArray();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(end)
                    .as("an HTTP answer: " + new String(all, StandardCharsets.ISO_8859_1))
                    .isPositive();
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            byte[] body = new byte[all.length - end - 4];
            System.arraycopy(all, end + 4, body, 0, body.length);
            return new Response(status, headers, body);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
