package io.fraudstream.txgen.cli;

import io.fraudstream.events.Durations;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for {@link Quantities}; their messages end up in the usage error. */
public final class Converters {

    private Converters() {}

    /** {@code 2000000}, {@code 200k}, {@code 2M}. */
    public static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Quantities.count(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /**
     * {@code 30s}, {@code 5 min}, {@code 7d}: the one duration grammar, {@link Durations}, with a
     * unit required: on a command line {@code --duration 30} is more likely meant as seconds than
     * as the grammar's milliseconds, so it is refused rather than guessed.
     */
    public static final class Span implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            if (value.strip().matches("\\d+") && !value.strip().matches("0+")) {
                throw new TypeConversionException(
                        "'"
                                + value
                                + "' has no unit; give one, such as "
                                + value.strip()
                                + "s, "
                                + value.strip()
                                + " min or 1h30m");
            }
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code max} or records per second. */
    public static final class RateValue implements ITypeConverter<Rate> {
        @Override
        public Rate convert(String value) {
            try {
                return Rate.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** An ISO-8601 instant or a date. */
    public static final class When implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Quantities.instant(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
