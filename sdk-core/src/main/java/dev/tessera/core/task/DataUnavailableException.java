package dev.tessera.core.task;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data set a task needs is not on this machine. Thrown by {@link Task#prepare}; the message names the
 * data set, where it was looked for and how to get it, so a caller running several tasks can skip this
 * one, say why, and run the others.
 */
public class DataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The data set's short name, e.g. {@code "molecules"}. */
    private final String dataSet;

    /**
     * Creates the exception.
     *
     * @param dataSet the data set's short name, e.g. {@code "molecules"}
     * @param where where it was looked for
     * @param howToGet what the user can do to get it
     */
    public DataUnavailableException(String dataSet, Path where, String howToGet) {
        super("data set '" + dataSet + "' is not at " + where + ": " + howToGet);
        this.dataSet = dataSet;
    }

    /**
     * Returns the data set's short name.
     *
     * @return the name, e.g. {@code "molecules"}
     */
    public String dataSet() {
        return dataSet;
    }
}
