package dev.tessera.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Checks of command-line flags that picocli's types do not cover, with messages that name the flag
 * (numeric ranges go through {@link dev.tessera.core.io.Limits#argument}).
 */
public final class Flags {
    private Flags() { }

    /**
     * Parses an enum flag, case-insensitively.
     *
     * @param type the enum
     * @param value what the user typed
     * @param flag the flag, for the message
     * @param <E> the enum type
     * @return the constant
     * @throws IllegalArgumentException naming the flag and the values it takes
     */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String flag) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException(flag + " is '" + value + "'; use one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
