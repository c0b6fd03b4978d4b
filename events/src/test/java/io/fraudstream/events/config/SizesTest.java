package io.fraudstream.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void readsBinaryUnitsWithOrWithoutASpaceAndBareBytes() {
        assertThat(Sizes.parse("512 B")).isEqualTo(512);
        assertThat(Sizes.parse("256 KiB")).isEqualTo(256 * 1024);
        assertThat(Sizes.parse("64mib")).isEqualTo(64L << 20);
        assertThat(Sizes.parse("2 GB")).isEqualTo(2L << 30);
        assertThat(Sizes.parse("1000")).isEqualTo(1000);
    }

    @Test
    void refusesWhatIsNotASizeAndWhatOverflows() {
        assertThatThrownBy(() -> Sizes.parse("-1 KiB")).hasMessage("not a size: -1 KiB");
        assertThatThrownBy(() -> Sizes.parse("2 TiB")).hasMessage("not a size: 2 TiB");
        assertThatThrownBy(() -> Sizes.parse("999999999999999999 GiB"))
                .hasMessage("too large a size: 999999999999999999 GiB");
    }

    @Test
    void writesTheLargestUnitThatDividesTheSize() {
        assertThat(Sizes.exact(256 * 1024)).isEqualTo("256 KiB");
        assertThat(Sizes.exact(3L << 30)).isEqualTo("3 GiB");
        assertThat(Sizes.exact(1000)).isEqualTo("1000 B");
        assertThat(Sizes.exact(0)).isEqualTo("0 B");
    }
}
