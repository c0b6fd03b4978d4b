package io.fraudstream.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OptionArgsTest {

    @Test
    void readsKeyValuePairsInOrderInBothSpellings() {
        assertThat(
                        OptionArgs.parse(
                                new String[] {
                                    "--kafka.bootstrap-servers", "b:9092", "--job.name=x=y"
                                }))
                .containsExactly(
                        java.util.Map.entry("kafka.bootstrap-servers", "b:9092"),
                        java.util.Map.entry("job.name", "x=y"));
    }

    @Test
    void aValueMayStartWithOneDashSoValidationCanNameANegativeValue() {
        assertThat(OptionArgs.parse(new String[] {"--checkpoints.interval", "-1 s"}))
                .containsEntry("checkpoints.interval", "-1 s");
    }

    @Test
    void aMissingValueAStrayWordAndARepeatedKeyAreErrorsNamingThem() {
        assertThatThrownBy(() -> OptionArgs.parse(new String[] {"--a", "--b", "1"}))
                .hasMessage("a: given without a value");
        assertThatThrownBy(() -> OptionArgs.parse(new String[] {"velocity"}))
                .hasMessageStartingWith("command line: expected an option --<key>, was 'velocity'");
        assertThatThrownBy(() -> OptionArgs.parse(new String[] {"--a", "1", "--a=2"}))
                .hasMessage("a: given more than once on the command line");
    }
}
