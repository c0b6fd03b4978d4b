package io.fraudstream.sink.notify;

import io.fraudstream.events.Alert;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.customer.CustomerMessages;
import io.fraudstream.sink.store.NotificationPlanner;
import io.fraudstream.sink.store.NotificationState;
import io.fraudstream.sink.store.PlannedNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides the notifications of a new alert: the first route that matches its action and severity
 * names the channels (those not enabled are skipped); an account over its rate limit gets them
 * recorded as {@link NotificationState#SUPPRESSED} instead of sent.
 */
public final class NotificationRouter implements NotificationPlanner {

    private final List<SinkConfig.Route> routes;
    private final Set<String> enabledChannels;
    private final RateLimiter rateLimiter;
    private final String suppressedNote;
    private final CustomerMessages customer;

    /**
     * @param notifications the routes and rate limit
     * @param enabledChannels the channels that exist in this process
     * @param rateLimiter the per-account limit
     */
    public NotificationRouter(
            SinkConfig.Notifications notifications,
            Set<String> enabledChannels,
            RateLimiter rateLimiter) {
        this(notifications, enabledChannels, rateLimiter, null);
    }

    /**
     * @param customer builds the customer channel's messages, or {@code null} when it is off
     */
    public NotificationRouter(
            SinkConfig.Notifications notifications,
            Set<String> enabledChannels,
            RateLimiter rateLimiter,
            CustomerMessages customer) {
        this.customer = customer;
        this.routes = notifications.routes();
        this.enabledChannels = Set.copyOf(enabledChannels);
        this.rateLimiter = rateLimiter;
        this.suppressedNote =
                "suppressed: account over its rate limit of "
                        + notifications.rateLimit().perAccount()
                        + " notified alerts per "
                        + notifications.rateLimit().window();
    }

    @Override
    public List<PlannedNotification> plan(Alert alert) {
        List<String> channels = channelsFor(alert);
        if (channels.isEmpty()) {
            return List.of();
        }
        boolean allowed = rateLimiter.tryAcquire(alert.accountId());
        List<PlannedNotification> out = new ArrayList<>(channels.size());
        for (String channel : channels) {
            NotificationState state =
                    allowed ? NotificationState.PENDING : NotificationState.SUPPRESSED;
            String note = allowed ? null : suppressedNote;
            out.add(
                    channel.equals(CustomerMessages.CHANNEL) && customer != null
                            ? customer.plan(alert, state, note)
                            : new PlannedNotification(channel, state, note));
        }
        return out;
    }

    /** The enabled channels of the first matching route, or none. */
    List<String> channelsFor(Alert alert) {
        for (SinkConfig.Route route : routes) {
            if (route.matches(alert)) {
                return route.channels().stream().filter(enabledChannels::contains).toList();
            }
        }
        return List.of();
    }
}
