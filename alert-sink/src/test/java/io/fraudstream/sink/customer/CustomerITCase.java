package io.fraudstream.sink.customer;

import static io.fraudstream.sink.testing.TestAlerts.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fraudstream.events.Alert;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.AlertSinkService;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.notify.Signatures;
import io.fraudstream.sink.testing.TestAlerts;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.sink.testing.WebhookReceiver;
import io.fraudstream.testing.KafkaClusterExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The customer channel end to end against a real broker and a real local HTTP server as the
 * messaging gateway: the signed message with its link, the cardholder's answer through the link
 * becoming a customer verdict on the verdicts topic and an escalated case, and every refused link
 * answered alike.
 */
class CustomerITCase {

    @RegisterExtension static final KafkaClusterExtension KAFKA = new KafkaClusterExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GATEWAY_SECRET = "gateway-secret-0123456789";
    private static final String TOKEN_SECRET = "token-secret-0123456789abc";

    @TempDir Path dir;

    private SinkConfig config(String alerts, String verdicts, URI gateway, int maxAttempts) {
        SinkConfig base =
                TestConfigs.service(KAFKA.bootstrapServers(), alerts, verdicts, dir, null);
        SinkConfig.Notifications n = TestConfigs.notifications(null, maxAttempts);
        SinkConfig withRetries =
                new SinkConfig(
                        base.http(),
                        base.kafka(),
                        base.store(),
                        n,
                        base.health(),
                        new SinkConfig.Cases(Duration.ofMinutes(30)));
        return TestConfigs.withCustomer(
                withRetries,
                List.of(
                        new SinkConfig.Route(
                                EnumSet.of(Alert.Action.BLOCK),
                                Alert.Severity.LOW,
                                List.of("customer", "log"))),
                new SinkConfig.Customer(
                        new SinkConfig.Webhook(
                                gateway,
                                GATEWAY_SECRET,
                                Duration.ofSeconds(2),
                                Duration.ofMillis(500)),
                        TOKEN_SECRET,
                        Duration.ofHours(24),
                        null,
                        Duration.ofMinutes(15)));
    }

    /** A BLOCK alert of a payment whose merchant id holds HTML. */
    private static Alert payment(String alertId, String account) {
        Alert a = TestAlerts.alert(alertId, account);
        return new Alert(
                a.alertId(),
                a.accountId(),
                a.transactionId(),
                a.relatedTransactionIds(),
                a.eventTime(),
                a.detectedAt(),
                a.score(),
                a.severity(),
                a.action(),
                a.reasons(),
                a.ruleVersion(),
                false,
                "term-9",
                "<b>Shop</b>",
                new BigDecimal("125.40"),
                "EUR");
    }

    @Test
    void theCardholderIsToldSignedAndAnswersNotMeOnceThroughTheLink() throws Exception {
        String alerts = KAFKA.createTopic("alerts", 1);
        String verdicts = KAFKA.createTopic("verdicts", 1);
        try (WebhookReceiver gateway = new WebhookReceiver();
                AlertSinkService service =
                        AlertSinkService.start(config(alerts, verdicts, gateway.url(), 4))) {
            KAFKA.produce(List.of(TestAlerts.record(alerts, payment("c-1", "acct-c"))));

            await().atMost(TIMEOUT).until(() -> gateway.requestsFor("c-1").size() == 1);
            WebhookReceiver.Request sent = gateway.requestsFor("c-1").get(0);
            JsonNode message = JSON.readTree(sent.body());
            assertThat(sent.idempotencyKey()).isEqualTo("c-1");
            assertThat(sent.signature()).isEqualTo(Signatures.sign(GATEWAY_SECRET, sent.body()));
            assertThat(message.path("accountId").asText()).isEqualTo("acct-c");
            assertThat(message.path("merchantId").asText()).isEqualTo("<b>Shop</b>");
            assertThat(message.path("amount").asText()).isEqualTo("125.40");
            assertThat(message.path("currency").asText()).isEqualTo("EUR");
            assertThat(message.path("time").asText()).isEqualTo(T0.minusSeconds(2).toString());
            assertThat(message.path("message").asText())
                    .contains("125.40 EUR at <b>Shop</b>")
                    .contains(message.path("respondUrl").asText());
            String respondUrl = message.path("respondUrl").asText();
            String prefix = "http://127.0.0.1:" + service.port() + "/respond/";
            assertThat(respondUrl).startsWith(prefix);
            String token = respondUrl.substring(prefix.length());
            String api = "/api/customer-responses/" + token;

            // the page and the payment it shows, without any bearer token
            HttpResponse<String> page = get("/respond/" + token, service);
            HttpResponse<String> view = get(api, service);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("/respond.js");
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(view.body()).path("merchantId").asText())
                    .isEqualTo("<b>Shop</b>");

            // a tampered token, and a token signed with another key, are refused like unknown ones
            String tampered = token.substring(0, token.length() - 2) + "AA";
            ResponseTokens forged =
                    new ResponseTokens(
                            "another-secret-0123456789",
                            Duration.ofHours(1),
                            java.time.Clock.systemUTC());
            String other = forged.sign(forged.issue("c-1", "acct-c"));
            HttpResponse<String> refusedTampered =
                    post("/api/customer-responses/" + tampered, "{\"answer\":\"not-me\"}", service);
            HttpResponse<String> refusedForged =
                    post("/api/customer-responses/" + other, "{\"answer\":\"not-me\"}", service);
            HttpResponse<String> badAnswer = post(api, "{\"answer\":\"maybe\"}", service);

            HttpResponse<String> answered = post(api, "{\"answer\":\"not-me\"}", service);
            HttpResponse<String> reused = post(api, "{\"answer\":\"me\"}", service);

            assertThat(refusedTampered.statusCode()).isEqualTo(410);
            assertThat(refusedTampered.body()).contains("this link is not valid any more");
            assertThat(refusedForged.statusCode()).isEqualTo(410);
            assertThat(refusedForged.body()).isEqualTo(refusedTampered.body());
            assertThat(badAnswer.statusCode()).isEqualTo(400);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(reused.statusCode()).isEqualTo(410);
            assertThat(reused.body()).isEqualTo(refusedTampered.body());
            assertThat(get(api, service).statusCode()).isEqualTo(410);

            // the answer is a customer verdict on the topic, with terminal and merchant
            List<Verdict> published =
                    await().atMost(TIMEOUT)
                            .until(
                                    () ->
                                            KAFKA.readAll(verdicts, false).stream()
                                                    .map(
                                                            r ->
                                                                    VerdictCodec.INSTANCE.decode(
                                                                            r.value()))
                                                    .toList(),
                                    v -> !v.isEmpty());
            assertThat(published)
                    .singleElement()
                    .satisfies(
                            v -> {
                                assertThat(v.label()).isEqualTo(Verdict.Label.FRAUD);
                                assertThat(v.source()).isEqualTo(Verdict.Source.CUSTOMER);
                                assertThat(v.alertId()).isEqualTo("c-1");
                                assertThat(v.terminalId()).isEqualTo("term-9");
                                assertThat(v.merchantId()).isEqualTo("<b>Shop</b>");
                            });

            // and the case is escalated, with the answer, first in the analysts' queue
            JsonNode queue =
                    JSON.readTree(
                            authorized("/api/cases?queue=analyst&account=acct-c", service).body());
            assertThat(queue.path("total").asInt()).isEqualTo(1);
            JsonNode theCase = queue.path("items").get(0);
            assertThat(theCase.path("caseId").asText()).isEqualTo("case-c-1");
            assertThat(theCase.path("escalated").asBoolean()).isTrue();
            assertThat(theCase.path("customerAnswer").asText()).isEqualTo("not-me");
            JsonNode detail = JSON.readTree(authorized("/api/cases/case-c-1", service).body());
            assertThat(detail.path("alertIds").get(0).asText()).isEqualTo("c-1");
            assertThat(detail.path("notifications").findValuesAsText("channel"))
                    .contains("customer", "customer-verdicts");
        }
    }

    @Test
    void aGatewayThatKeepsFailingIsRetriedAndTheFailureRecorded() throws Exception {
        String alerts = KAFKA.createTopic("alerts", 1);
        String verdicts = KAFKA.createTopic("verdicts", 1);
        try (WebhookReceiver gateway = new WebhookReceiver();
                AlertSinkService service =
                        AlertSinkService.start(config(alerts, verdicts, gateway.url(), 3))) {
            gateway.respond(attempt -> 503);
            KAFKA.produce(List.of(TestAlerts.record(alerts, payment("f-1", "acct-f"))));

            await().atMost(TIMEOUT)
                    .until(
                            () ->
                                    JSON.readTree(authorized("/api/alerts/f-1", service).body())
                                            .path("notifications")
                                            .findValuesAsText("state")
                                            .contains("FAILED"));

            List<WebhookReceiver.Request> tries = gateway.requestsFor("f-1");
            assertThat(tries).hasSize(3);
            assertThat(tries)
                    .extracting(WebhookReceiver.Request::idempotencyKey)
                    .containsOnly("f-1");
            // every retry sends the same message: the same link, the same signature
            assertThat(tries)
                    .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
                    .containsOnly(new String(tries.get(0).body(), StandardCharsets.UTF_8));
        }
    }

    private static HttpResponse<String> get(String path, AlertSinkService service)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> authorized(String path, AlertSinkService service)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .header("Authorization", "Bearer " + TestConfigs.TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, AlertSinkService service)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
