package io.fraudstream.model.card;

import io.fraudstream.events.Alert;
import java.io.Serializable;
import java.time.Duration;

/**
 * At most one alert per account per cooldown, in event time, unless the severity rises: an analyst
 * gets one alert for a card-testing run, not one per probe, but still hears when a spree turns
 * critical.
 */
public final class AlertSuppressor implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long cooldownMs;

    public AlertSuppressor(Duration cooldown) {
        this.cooldownMs = cooldown.toMillis();
    }

    /** Whether an alert of this severity at this time may go out. */
    public boolean allows(AccountState state, long time, Alert.Severity severity) {
        return state.lastAlertTime == AccountState.NONE
                || Math.abs(time - state.lastAlertTime) >= cooldownMs
                || severity.ordinal() > state.lastAlertSeverity;
    }

    public void record(AccountState state, long time, Alert.Severity severity) {
        state.lastAlertTime =
                state.lastAlertTime == AccountState.NONE
                        ? time
                        : Math.max(state.lastAlertTime, time);
        state.lastAlertSeverity = severity.ordinal();
    }
}
