package dev.tessera.core;

/** Unchecked base class of Tessera's own errors; messages say what went wrong and where. */
public class TesseraException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and where
     */
    public TesseraException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and where
     * @param cause the underlying error
     */
    public TesseraException(String message, Throwable cause) {
        super(message, cause);
    }
}
