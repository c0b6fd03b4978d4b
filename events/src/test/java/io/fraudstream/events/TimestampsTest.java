package io.fraudstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TimestampsTest {

    private static final DateTimeFormatter WITH_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

    @Property(tries = 2000, seed = "20261126")
    void readsBackWhatInstantToStringWrites(@ForAll("instants") Instant instant) {
        assertThat(Timestamps.parse(instant.toString())).isEqualTo(instant);
    }

    @Property(tries = 2000, seed = "20261126")
    void agreesWithJavaTimeOnOffsetDateTimes(
            @ForAll("instants") Instant instant,
            @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        OffsetDateTime local = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
        // Local years beyond four digits need a sign, a form events do not use.
        Assume.that(local.getYear() >= 0 && local.getYear() <= 9999);
        String text = local.format(WITH_OFFSET);

        assertThat(Timestamps.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @Property(tries = 2000, seed = "20261126")
    void neverAcceptsWhatJavaTimeRejects(@ForAll("nearlyTimestamps") String text) {
        Instant parsed = Timestamps.parse(text);

        if (parsed != null) {
            assertThat(parsed).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }

    @Provide
    Arbitrary<Instant> instants() {
        return EventArbitraries.instants();
    }

    /** Valid timestamps with one character replaced, so most are almost right. */
    @Provide
    Arbitrary<String> nearlyTimestamps() {
        Arbitrary<String> valid =
                Arbitraries.of(
                        "2026-11-26T17:30:04.123Z",
                        "2024-02-29T23:59:59+14:00",
                        "2026-11-26T18:30:04.123456789-01:30",
                        "0001-01-01T00:00:00Z");
        return valid.flatMap(
                text ->
                        Arbitraries.integers()
                                .between(0, text.length() - 1)
                                .flatMap(
                                        at ->
                                                Arbitraries.of(
                                                                '0', '1', '2', '3', '5', '9', '-',
                                                                ':', 'T', 'Z', '+', '.', 'x')
                                                        .map(
                                                                c ->
                                                                        text.substring(0, at)
                                                                                + c
                                                                                + text.substring(
                                                                                        at + 1))));
    }
}
