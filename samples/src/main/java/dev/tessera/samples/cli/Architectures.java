package dev.tessera.samples.cli;

import dev.tessera.core.model.Architecture;
import java.util.Locale;

/** Parses {@code --arch} values. */
final class Architectures {
    private Architectures() { }

    static Architecture parse(String s) {
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
