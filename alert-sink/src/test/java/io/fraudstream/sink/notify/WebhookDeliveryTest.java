package io.fraudstream.sink.notify;

import static io.fraudstream.sink.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.Database;
import io.fraudstream.sink.store.IncomingAlert;
import io.fraudstream.sink.store.Notification;
import io.fraudstream.sink.store.NotificationState;
import io.fraudstream.sink.store.PlannedNotification;
import io.fraudstream.sink.testing.TestConfigs;
import io.fraudstream.sink.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook channel end to end through the outbox: a real local HTTP server, a real SQLite file,
 * the dispatcher thread, millisecond backoffs.
 */
class WebhookDeliveryTest {

    private static final long SEED = 42;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir Path dir;

    private WebhookReceiver receiver;
    private Database database;
    private AlertStore store;
    private Dispatcher dispatcher;

    @BeforeEach
    void setUp() throws Exception {
        receiver = new WebhookReceiver();
        database = Database.open("jdbc:sqlite:" + dir.resolve("alerts.db"), 2);
        store = new AlertStore(database, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
        database.close();
    }

    private static SinkConfig.Notifications notifications(int maxAttempts) {
        return new SinkConfig.Notifications(
                TestConfigs.defaultRoutes(),
                new SinkConfig.RateLimit(0, Duration.ofMinutes(1)),
                new SinkConfig.Retry(
                        maxAttempts, Duration.ofMillis(100), Duration.ofMillis(400), 0.5),
                2,
                Duration.ofSeconds(30),
                null);
    }

    private SinkConfig.Webhook webhook() {
        return new SinkConfig.Webhook(
                receiver.url(), TestConfigs.SECRET, Duration.ofSeconds(2), Duration.ofMillis(300));
    }

    private void startDispatcher(int maxAttempts) {
        SinkConfig.Notifications n = notifications(maxAttempts);
        dispatcher =
                new Dispatcher(
                        store,
                        Map.of(WebhookChannel.NAME, new WebhookChannel(webhook())),
                        n,
                        new Backoff(n.retry(), new Random(SEED)),
                        Clock.systemUTC(),
                        new Metrics());
        dispatcher.start();
    }

    private void storeWithWebhook(Alert... alerts) {
        List<IncomingAlert> batch =
                Arrays.stream(alerts).map(a -> IncomingAlert.of(a, "fraud-alerts", 0, 0)).toList();
        store.storeBatch(
                batch,
                List.of(),
                a ->
                        List.of(
                                new PlannedNotification(
                                        WebhookChannel.NAME, NotificationState.PENDING, null)));
        if (dispatcher != null) {
            dispatcher.wakeUp();
        }
    }

    private Notification webhookState(String alertId) {
        return store.notifications(alertId).get(0);
    }

    private Notification awaitFinal(String alertId) {
        await().atMost(TIMEOUT)
                .until(() -> webhookState(alertId).state() != NotificationState.PENDING);
        return webhookState(alertId);
    }

    @Test
    void postsTheAlertSignedWithTheAlertIdAsIdempotencyKey() {
        Alert alert = alert("a-1", "acct-1");
        startDispatcher(3);

        storeWithWebhook(alert);

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.deliveredAt()).isNotNull();
        WebhookReceiver.Request request = receiver.requests().get(0);
        assertThat(request.idempotencyKey()).isEqualTo("a-1");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(Signatures.verify(TestConfigs.SECRET, request.body(), request.signature()))
                .isTrue();
        assertThat(AlertCodec.INSTANCE.decode(request.body())).isEqualTo(alert);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoffThenDelivers() {
        receiver.respond(attempt -> attempt < 3 ? 500 : 200);
        startDispatcher(5);

        storeWithWebhook(alert("a-1", "acct-1"));

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(n.attempts()).isEqualTo(3);
        List<WebhookReceiver.Request> requests = receiver.requestsFor("a-1");
        assertThat(requests).hasSize(3);
        // The dispatcher's backoff draws the same jitter as one seeded alike.
        Backoff expected = new Backoff(notifications(5).retry(), new Random(SEED));
        long firstWait = expected.delay(1).toMillis();
        long secondWait = expected.delay(2).toMillis();
        assertThat(secondWait).isGreaterThan(firstWait);
        assertThat(gapMillis(requests, 0)).isGreaterThanOrEqualTo(firstWait - 1);
        assertThat(gapMillis(requests, 1)).isGreaterThanOrEqualTo(secondWait - 1);
    }

    private static long gapMillis(List<WebhookReceiver.Request> requests, int i) {
        return Duration.ofNanos(requests.get(i + 1).nanos() - requests.get(i).nanos()).toMillis();
    }

    @Test
    void retriesATimedOutRequest() {
        receiver.respond(attempt -> attempt == 1 ? WebhookReceiver.HANG : 200);
        startDispatcher(3);

        storeWithWebhook(alert("a-1", "acct-1"));

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(n.attempts()).isEqualTo(2);
        assertThat(receiver.requestsFor("a-1")).hasSize(2);
    }

    @Test
    void givesUpAfterTheLimitAndRecordsTheLastError() {
        receiver.respond(attempt -> 503);
        startDispatcher(3);

        storeWithWebhook(alert("a-1", "acct-1"));

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.FAILED);
        assertThat(n.attempts()).isEqualTo(3);
        assertThat(n.lastError()).isEqualTo("gave up after 3 attempts: HTTP 503");
        assertThat(receiver.requestsFor("a-1")).hasSize(3);
        assertThat(store.nextDue()).isEmpty();
    }

    @Test
    void givesUpAfterTheLimitOfTimeouts() {
        receiver.respond(attempt -> WebhookReceiver.HANG);
        startDispatcher(2);

        storeWithWebhook(alert("a-1", "acct-1"));

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.FAILED);
        assertThat(n.lastError()).startsWith("gave up after 2 attempts: timed out");
    }

    @Test
    void doesNotRetryAClientError() {
        receiver.respond(attempt -> 400);
        startDispatcher(5);

        storeWithWebhook(alert("a-1", "acct-1"));

        Notification n = awaitFinal("a-1");
        assertThat(n.state()).isEqualTo(NotificationState.FAILED);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.lastError()).isEqualTo("HTTP 400 (not retried)");
    }

    @Test
    void aRestartedDispatcherSendsWhatIsPendingAndNothingDeliveredAgain() {
        startDispatcher(3);
        storeWithWebhook(alert("a-1", "acct-1"));
        awaitFinal("a-1");
        dispatcher.close();
        dispatcher = null;
        storeWithWebhook(alert("a-2", "acct-2")); // stored while no dispatcher runs

        startDispatcher(3);

        assertThat(awaitFinal("a-2").state()).isEqualTo(NotificationState.DELIVERED);
        assertThat(receiver.requests())
                .extracting(WebhookReceiver.Request::idempotencyKey)
                .containsExactly("a-1", "a-2");
    }
}
