package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import java.time.Instant;

/** Alerts detected in one minute with a reason from one detector and one action. */
public record StatBucket(Instant minute, String detector, Alert.Action action, long count) {}
