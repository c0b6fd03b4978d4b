package io.fraudstream.sink.notify;

import io.fraudstream.events.Alert;
import io.fraudstream.events.AlertCodec;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.sink.store.DueNotification;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes one log line per notified alert, for operators tailing the service's output. */
public final class LogChannel implements Channel {

    /** The channel's name. */
    public static final String NAME = "log";

    private static final Logger LOG = LoggerFactory.getLogger("io.fraudstream.sink.alerts");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeliveryResult deliver(DueNotification notification) {
        try {
            Alert alert = AlertCodec.INSTANCE.decode(notification.body());
            LOG.info(
                    "{} {} alert {} account {} transaction {} score {} detectors {}",
                    alert.action(),
                    alert.severity(),
                    alert.alertId(),
                    alert.accountId(),
                    alert.transactionId(),
                    String.format(Locale.ROOT, "%.3f", alert.score()),
                    alert.reasons().stream().map(Alert.Reason::detector).toList());
            return DeliveryResult.delivered();
        } catch (InvalidEventException e) {
            return DeliveryResult.failed("stored alert does not decode: " + e.getMessage());
        }
    }
}
