package io.fraudstream.txgen.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CsvParsingTest {

    @Test
    void splitsPlainAndQuotedFields() {
        assertThat(CsvLine.split("a,b,,d", ',')).containsExactly("a", "b", "", "d");
        assertThat(CsvLine.split("a,b,", ',')).containsExactly("a", "b", "");
        assertThat(CsvLine.split("\"x, y\",\"say \"\"hi\"\"\",z", ','))
                .containsExactly("x, y", "say \"hi\"", "z");
        assertThat(CsvLine.split("a;\"b;c\"", ';')).containsExactly("a", "b;c");
        assertThatThrownBy(() -> CsvLine.split("\"open,b", ',')).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CsvLine.split("\"a\"b,c", ','))
                .hasMessageContaining("text after a closing quote");
    }

    @Test
    void readsTimestampsInEveryFormat() {
        ZoneId utc = ZoneOffset.UTC;
        assertThat(TimestampFormat.ISO.parse("2018-04-01T00:00:31Z", utc))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(TimestampFormat.ISO.parse("2018-04-01T00:00:31.250Z", utc))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31.250Z"));
        assertThat(TimestampFormat.ISO.parse("2018-04-01T02:00:31+02:00", utc))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(TimestampFormat.ISO.parse("2018-04-01 02:00:31", ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(TimestampFormat.EPOCH_SECONDS.parse("1522540831", utc))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31Z"));
        assertThat(TimestampFormat.EPOCH_MILLIS.parse("1522540831250", utc))
                .isEqualTo(Instant.parse("2018-04-01T00:00:31.250Z"));
        assertThatThrownBy(() -> TimestampFormat.ISO.parse("2018-04-01T25:00:31Z", utc))
                .hasMessageContaining("not an ISO-8601 time");
        assertThatThrownBy(() -> TimestampFormat.ISO.parse("2018-13-01T00:00:31Z", utc))
                .hasMessageContaining("not an ISO-8601 time");
        assertThatThrownBy(() -> TimestampFormat.EPOCH_SECONDS.parse("noon", utc))
                .hasMessageContaining("not a number of seconds since 1970");
    }
}
