package dev.tessera.text.bpe;

/** Text contains a special token although the caller chose {@link SpecialTokenPolicy#REJECT}. */
public final class SpecialTokenException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String token;
    private final int index;

    /**
     * Creates the exception.
     *
     * @param token the special token's content
     * @param index the char index where it starts
     */
    public SpecialTokenException(String token, int index) {
        super("text contains the special token " + token + " at char index " + index
                + "; pass SpecialTokenPolicy.ALLOW to encode it as its id or ENCODE_AS_TEXT to encode it as plain text");
        this.token = token;
        this.index = index;
    }

    /** @return the special token's content */
    public String token() {
        return token;
    }

    /** @return the char index where it starts */
    public int index() {
        return index;
    }
}
