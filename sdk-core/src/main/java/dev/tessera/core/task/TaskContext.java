package dev.tessera.core.task;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a {@link Task} gets when it prepares its data and when it is scored.
 *
 * @param outDir folder for the task's outputs (plots, image grids, renders); created by the caller
 * @param cacheDir folder where expensive artefacts (trained tokenizers, decoded data sets) may be kept
 *     between runs, keyed by their settings
 * @param quick whether this is a small-budget run (smaller data and evaluation sets allowed)
 * @param seed the run's seed
 * @param log where progress goes; {@code null} means nowhere (a stream that discards), so tasks never check
 */
public record TaskContext(Path outDir, Path cacheDir, boolean quick, long seed, PrintStream log) {

    /** Replaces a missing log with one that discards what is written to it. */
    public TaskContext {
        if (log == null) {
            log = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        }
    }
}
