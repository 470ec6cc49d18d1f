package dev.tessera.samples.infer;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.infer.EngineChoice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whether memory stays flat over many generation calls: loads a bundle as a {@link TesseraModel} on one engine,
 * makes {@code calls} short seeded text generations, and records the process's resident set ({@code VmRSS} of
 * {@code /proc/self/status}), the Java heap in use and the arrays in the model's native manager at the start
 * (after a warm-up) and every {@code every} calls. The resident set includes the Java heap: run with a fixed
 * heap ({@code -Xms} = {@code -Xmx}, {@code -XX:+AlwaysPreTouch}) so that its growth is native memory.
 */
public final class GenerationMemory {
    private GenerationMemory() { }

    /**
     * What to run.
     *
     * @param bundle the model (a text model)
     * @param engine the engine
     * @param calls generation calls after the warm-up
     * @param every a sample every this many calls
     * @param warmup calls before the first sample
     * @param prompt the prompt of every call
     * @param tokens new tokens per call
     */
    public record Options(Path bundle, EngineChoice engine, int calls, int every, int warmup, String prompt,
            int tokens) {
        /** Validates the fields. */
        public Options {
            if (calls < 1 || every < 1 || warmup < 0 || tokens < 1) {
                throw new IllegalArgumentException("calls (" + calls + "), every (" + every + ") and tokens (" + tokens
                        + ") must be >= 1, warmup (" + warmup + ") >= 0");
            }
        }
    }

    /**
     * One sample.
     *
     * @param calls calls made so far (after the warm-up)
     * @param rssKb the resident set in KiB
     * @param heapKb the Java heap in use after a collection, in KiB
     * @param managedArrays the arrays in the model's native manager
     * @param seconds time since the first sample
     */
    public record Sample(int calls, long rssKb, long heapKb, int managedArrays, double seconds) { }

    /**
     * The samples of a run.
     *
     * @param engine the engine
     * @param samples the first at 0 calls, then every {@code every} calls, the last at the end
     * @param generatedChars characters generated in all (a check that the calls did work)
     */
    public record Result(EngineChoice engine, List<Sample> samples, long generatedChars) {
        /** @return the resident set's change from the first sample to the last, in MiB */
        public double rssGrowthMb() {
            return (samples.get(samples.size() - 1).rssKb() - samples.get(0).rssKb()) / 1024.0;
        }
    }

    /**
     * Runs the calls.
     *
     * @param o what to run
     * @param onSample receives each sample as it is taken
     * @return the samples
     * @throws IOException if the bundle cannot be read
     */
    public static Result run(Options o, Consumer<Sample> onSample) throws IOException {
        try (TesseraModel model = TesseraModel.of(ModelBundle.load(o.bundle()), o.engine())) {
            long chars = 0;
            for (int i = 0; i < o.warmup(); i++) {
                chars += call(model, o, -1 - i);
            }
            List<Sample> samples = new ArrayList<>();
            long t0 = System.nanoTime();
            samples.add(sample(model, 0, t0, onSample));
            for (int i = 1; i <= o.calls(); i++) {
                chars += call(model, o, i);
                if (i % o.every() == 0 || i == o.calls()) {
                    samples.add(sample(model, i, t0, onSample));
                }
            }
            return new Result(o.engine(), samples, chars);
        }
    }

    private static int call(TesseraModel model, Options o, long seed) {
        return model.generate(o.prompt(), SamplingConfig.sample(1.0, seed, o.tokens())).length();
    }

    private static Sample sample(TesseraModel model, int calls, long t0, Consumer<Sample> onSample) throws IOException {
        int arrays = model.bundle().model().manager().getManagedArrays().size();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) / 1024;
        Sample s = new Sample(calls, residentKb(), heap, arrays, (System.nanoTime() - t0) / 1e9);
        onSample.accept(s);
        return s;
    }

    /**
     * The resident set of this process.
     *
     * @return {@code VmRSS} in KiB, or -1 where {@code /proc/self/status} has none (not Linux)
     * @throws IOException if the file cannot be read
     */
    public static long residentKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
