package io.fraudstream.sink.store;

import io.fraudstream.events.Alert;
import java.util.List;

/**
 * What storing one batch did.
 *
 * @param stored the alerts stored for the first time, in batch order
 * @param duplicates alerts already stored (or twice in the batch), skipped
 * @param quarantined records newly quarantined
 * @param notifications notifications created, pending or suppressed
 */
public record BatchResult(List<Alert> stored, int duplicates, int quarantined, int notifications) {}
