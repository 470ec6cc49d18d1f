package dev.tessera.text;

/**
 * What a tokenizer does with a lone (unpaired) UTF-16 surrogate in a Java {@code String}. Such a
 * string is not valid Unicode and has no UTF-8 encoding, so it cannot round-trip; the caller
 * chooses between an error and a visible replacement.
 */
public enum SurrogatePolicy {
    /** Throw {@link MalformedTextException} with the char index of the lone surrogate (the default). */
    REJECT,
    /**
     * Encode each lone surrogate as U+FFFD (bytes {@code EF BF BD}), so decoding gives the text with
     * every lone surrogate replaced by U+FFFD; valid text still round-trips exactly.
     */
    REPLACE
}
