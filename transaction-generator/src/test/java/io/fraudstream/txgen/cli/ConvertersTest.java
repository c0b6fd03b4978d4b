package io.fraudstream.txgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    private final Converters.Span span = new Converters.Span();

    @Test
    void aSpanReadsTheOneDurationGrammar() {
        assertThat(span.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(span.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(span.convert("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(span.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(span.convert("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThat(span.convert("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(span.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aSpanWithoutAUnitIsRefusedRatherThanReadAsMilliseconds() {
        assertThatThrownBy(() -> span.convert("30"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'30' has no unit; give one, such as 30s, 30 min or 1h30m");
        assertThatThrownBy(() -> span.convert("30x")).hasMessage("not a duration: 30x");
        assertThatThrownBy(() -> span.convert("")).hasMessage("not a duration: ");
    }
}
