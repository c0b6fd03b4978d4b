package io.fraudstream.testing;

import io.fraudstream.events.HostileRecords;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik's view of {@link HostileRecords}: every kind, with random sizes, positions and contents.
 */
public final class HostileArbitraries {

    private HostileArbitraries() {}

    public static Arbitrary<HostileRecords.Record> records(HostileRecords hostile) {
        return Arbitraries.of(HostileRecords.Kind.class)
                .flatMap(
                        kind ->
                                Arbitraries.longs()
                                        .map(seed -> hostile.record(kind, new Random(seed))));
    }
}
