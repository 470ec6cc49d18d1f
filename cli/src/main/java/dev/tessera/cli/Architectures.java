package dev.tessera.cli;

import dev.tessera.core.model.Architecture;
import java.util.Locale;

/** Parses {@code --arch} values (shared by the commands that take one). */
public final class Architectures {
    private Architectures() { }

    /**
     * Parses an architecture name.
     *
     * @param s {@code modern} or {@code gpt2} (case-insensitive; {@code gpt-2} too)
     * @return the architecture
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Architecture parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "modern":
                return Architecture.MODERN;
            case "gpt2":
            case "gpt-2":
                return Architecture.GPT2;
            default:
                throw new IllegalArgumentException("--arch '" + s + "' is not one of: modern, gpt2");
        }
    }
}
