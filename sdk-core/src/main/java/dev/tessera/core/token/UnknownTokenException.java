package dev.tessera.core.token;

/** A token id that does not exist in the vocabulary it was checked against. */
public class UnknownTokenException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int id;
    private final int position;

    /**
     * Creates the exception.
     *
     * @param id the offending id
     * @param position where in the sequence it was found
     * @param what what was being checked, e.g. "global vocabulary of 300 ids"
     */
    public UnknownTokenException(int id, int position, String what) {
        super("unknown token id " + id + " at position " + position + " (" + what + ")");
        this.id = id;
        this.position = position;
    }

    /** @return the offending id */
    public int id() {
        return id;
    }

    /** @return the position of the offending id */
    public int position() {
        return position;
    }
}
