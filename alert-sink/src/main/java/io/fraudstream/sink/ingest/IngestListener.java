package io.fraudstream.sink.ingest;

import io.fraudstream.events.Alert;
import java.util.List;

/**
 * Told about alerts once they are durably stored and their offsets committed: the live stream and
 * the notification dispatcher listen. Called on the ingest thread; must not block.
 */
@FunctionalInterface
public interface IngestListener {

    void stored(List<Alert> alerts);
}
