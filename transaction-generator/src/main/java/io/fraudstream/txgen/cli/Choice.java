package io.fraudstream.txgen.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an enum option in lower case ({@code --clock live} for {@code LIVE}), listing the choices
 * when the value is none of them. Subclass per enum for picocli's annotation.
 */
public abstract class Choice<E extends Enum<E>> implements ITypeConverter<E> {

    private final Class<E> type;

    protected Choice(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.strip().replace('-', '_'))) {
                return e;
            }
        }
        throw new TypeConversionException("'" + value + "' is not one of " + names(type));
    }

    /** The choices as typed on the command line: {@code simulated, live}. */
    public static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
