package dev.tessera.text;

/** Text that a tokenizer cannot encode (a lone surrogate, a character outside an alphabet). */
public final class MalformedTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int index;

    /**
     * Creates the exception.
     *
     * @param message what is wrong (the char index is appended)
     * @param index the char index in the text
     */
    public MalformedTextException(String message, int index) {
        super(message + " at char index " + index);
        this.index = index;
    }

    /** @return the char index of the offending character */
    public int index() {
        return index;
    }
}
