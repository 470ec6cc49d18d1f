package dev.tessera.core.io;

import java.io.IOException;

/**
 * A file that is truncated, inconsistent, over a {@link Limits limit} or not of the expected format:
 * the one exception type Tessera's readers throw for bad content. The message is
 * {@code source: place: what}, where the place is a line, byte offset, tensor, entry or JSON path.
 */
public class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;
    private final String source;

    /**
     * Creates the exception.
     *
     * @param source the file (or bundle entry) being read
     * @param what what is wrong and where
     */
    public CorruptFileException(String source, String what) {
        super(source + ": " + what);
        this.source = source;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param source the file (or bundle entry) being read
     * @param what what is wrong and where
     * @param cause the underlying error
     */
    public CorruptFileException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
        this.source = source;
    }

    /** @return the file or entry that is bad, as the reader was given it */
    public String source() {
        return source;
    }

    /** @return the message without the leading source: the place and what is wrong */
    public String detail() {
        String m = getMessage();
        return m.startsWith(source + ": ") ? m.substring(source.length() + 2) : m;
    }
}
