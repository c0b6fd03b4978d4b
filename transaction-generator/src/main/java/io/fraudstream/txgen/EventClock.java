package io.fraudstream.txgen;

import io.fraudstream.txgen.cli.Choice;

/** Which clock the generated timestamps follow. */
enum EventClock {
    /** A simulated clock from {@code --start}: reproducible, realistic per-card timing. */
    SIMULATED,
    /** The wall clock when the record is made: for latency tests against a live job. */
    LIVE;

    /** The picocli converter: {@code simulated} or {@code live}. */
    static final class Converter extends Choice<EventClock> {
        Converter() {
            super(EventClock.class);
        }
    }
}
