package dev.tessera.core.io;

import java.io.IOException;

/** A file that is truncated, inconsistent or not of the expected format; the message says where. */
public class CorruptFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param source the file (or bundle entry) being read
     * @param what what is wrong and where
     */
    public CorruptFileException(String source, String what) {
        super(source + ": " + what);
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
    }
}
