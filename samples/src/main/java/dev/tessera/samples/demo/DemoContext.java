package dev.tessera.samples.demo;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a {@link DemoPart} gets: where to write files, whether this is the {@code --quick} run,
 * the seed and a log stream for progress.
 *
 * @param outDir the demo's output folder ({@code out/demo}); write files inside it
 * @param quick whether {@code --quick} was given (a smaller budget)
 * @param seed the run's seed
 * @param log where progress goes (standard error)
 */
public record DemoContext(Path outDir, boolean quick, long seed, PrintStream log) { }
