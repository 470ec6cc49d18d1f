package dev.tessera.text.bpe;

import dev.tessera.core.io.CorruptFileException;

/** A vocabulary or merges file that cannot be used; the message names the file and the line. */
public final class MalformedVocabularyException extends CorruptFileException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    /**
     * Creates the exception.
     *
     * @param file the file (as given by the caller)
     * @param line the 1-based line, or 0 when the problem is not on one line
     * @param message what is wrong
     */
    public MalformedVocabularyException(String file, int line, String message) {
        super(file + (line > 0 ? ":" + line : ""), message);
        this.file = file;
        this.line = line;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param file the file
     * @param line the 1-based line, or 0
     * @param message what is wrong
     * @param cause the underlying error
     */
    public MalformedVocabularyException(String file, int line, String message, Throwable cause) {
        this(file, line, message);
        initCause(cause);
    }

    /** @return the file */
    public String file() {
        return file;
    }

    /** @return the 1-based line, or 0 */
    public int line() {
        return line;
    }
}
