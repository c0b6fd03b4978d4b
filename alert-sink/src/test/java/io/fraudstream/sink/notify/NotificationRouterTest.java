package io.fraudstream.sink.notify;

import static io.fraudstream.sink.testing.TestAlerts.T0;
import static io.fraudstream.sink.testing.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.store.NotificationState;
import io.fraudstream.sink.store.PlannedNotification;
import io.fraudstream.sink.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routing by action and severity, enabled channels, and the per-account rate limit. */
class NotificationRouterTest {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private static SinkConfig.Notifications notifications(
            List<SinkConfig.Route> routes, int perAccount) {
        return new SinkConfig.Notifications(
                routes,
                new SinkConfig.RateLimit(perAccount, Duration.ofMinutes(1)),
                new SinkConfig.Retry(3, Duration.ofMillis(10), Duration.ofMillis(100), 0.5),
                1,
                Duration.ofSeconds(1),
                null);
    }

    private static NotificationRouter router(
            List<SinkConfig.Route> routes, int perAccount, Set<String> enabled) {
        SinkConfig.Notifications n = notifications(routes, perAccount);
        return new NotificationRouter(
                n, enabled, new RateLimiter(perAccount, n.rateLimit().window(), CLOCK));
    }

    private static Alert alertWith(Alert.Action action, Alert.Severity severity, String account) {
        return alert("a-" + action + severity + account, account, action, severity, T0, "velocity");
    }

    @Test
    void blockGoesToWebhookAndLogAndFlagToLog() {
        NotificationRouter router =
                router(TestConfigs.defaultRoutes(), 0, Set.of("webhook", "log"));

        assertThat(router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.LOW, "x")))
                .extracting(PlannedNotification::channel)
                .containsExactly("webhook", "log");
        assertThat(router.plan(alertWith(Alert.Action.FLAG, Alert.Severity.CRITICAL, "x")))
                .extracting(PlannedNotification::channel)
                .containsExactly("log");
    }

    @Test
    void theFirstMatchingRouteWinsAndSeverityCounts() {
        List<SinkConfig.Route> routes =
                List.of(
                        new SinkConfig.Route(
                                EnumSet.of(Alert.Action.FLAG),
                                Alert.Severity.HIGH,
                                List.of("webhook")),
                        new SinkConfig.Route(
                                EnumSet.of(Alert.Action.FLAG), Alert.Severity.LOW, List.of()));
        NotificationRouter router = router(routes, 0, Set.of("webhook", "log"));

        assertThat(router.plan(alertWith(Alert.Action.FLAG, Alert.Severity.HIGH, "x")))
                .extracting(PlannedNotification::channel)
                .containsExactly("webhook");
        assertThat(router.plan(alertWith(Alert.Action.FLAG, Alert.Severity.MEDIUM, "x"))).isEmpty();
        assertThat(router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.CRITICAL, "x")))
                .isEmpty();
    }

    @Test
    void skipsChannelsThatAreNotEnabled() {
        NotificationRouter router = router(TestConfigs.defaultRoutes(), 0, Set.of("log"));

        assertThat(router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.HIGH, "x")))
                .extracting(PlannedNotification::channel)
                .containsExactly("log");
    }

    @Test
    void recordsNotificationsOverTheAccountLimitAsSuppressed() {
        NotificationRouter router =
                router(TestConfigs.defaultRoutes(), 1, Set.of("webhook", "log"));

        List<PlannedNotification> first =
                router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.HIGH, "x"));
        List<PlannedNotification> second =
                router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.CRITICAL, "x"));
        List<PlannedNotification> otherAccount =
                router.plan(alertWith(Alert.Action.BLOCK, Alert.Severity.HIGH, "y"));

        assertThat(first)
                .extracting(PlannedNotification::state)
                .containsOnly(NotificationState.PENDING);
        assertThat(second)
                .extracting(PlannedNotification::state)
                .containsOnly(NotificationState.SUPPRESSED);
        assertThat(second.get(0).note()).contains("rate limit of 1");
        assertThat(otherAccount)
                .extracting(PlannedNotification::state)
                .containsOnly(NotificationState.PENDING);
    }
}
