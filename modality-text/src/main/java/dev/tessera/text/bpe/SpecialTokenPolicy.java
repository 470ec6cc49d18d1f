package dev.tessera.text.bpe;

/**
 * What the encoder does when the text contains the content of a special token such as
 * {@code <|endoftext|>}. The caller always chooses; a special token is never silently split into
 * ordinary pieces unless the caller asks for exactly that with {@link #ENCODE_AS_TEXT}.
 */
public enum SpecialTokenPolicy {
    /** Emit the special token's id. */
    ALLOW,
    /** Throw {@link SpecialTokenException} naming the token and its char index. */
    REJECT,
    /** Encode the characters as ordinary text, as any other text would be. */
    ENCODE_AS_TEXT
}
