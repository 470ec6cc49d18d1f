package dev.tessera.samples.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A small, careful throughput harness for tokenizers: every contender encodes the same corpus;
 * first {@code warmups} untimed passes each (JIT compilation, caches), then {@code runs} timed
 * passes, interleaved round-robin between contenders so that drift in machine load hits all of
 * them alike. Each pass returns its token count, which is checked to be the same on every pass
 * (and keeps the work from being optimised away). Reports the median and best MB/s.
 */
public final class ThroughputHarness {
    private final int warmups;
    private final int runs;

    /** One tokenizer configuration to measure. */
    public record Contender(String name, String mode, int threads, ToLongFunction<List<String>> encodeAll) { }

    /**
     * One measured contender.
     *
     * @param name the tokenizer name
     * @param mode "single" or "batch"
     * @param threads threads used
     * @param tokens tokens per pass
     * @param bytes UTF-8 bytes per pass
     * @param medianMbPerS median throughput over the timed passes (MB = 10^6 bytes)
     * @param bestMbPerS best throughput
     * @param runSeconds each timed pass, in seconds
     */
    public record Result(String name, String mode, int threads, long tokens, long bytes, double medianMbPerS,
            double bestMbPerS, double[] runSeconds) { }

    /**
     * Creates a harness.
     *
     * @param warmups untimed passes per contender, at least 0
     * @param runs timed passes per contender, at least 1
     */
    public ThroughputHarness(int warmups, int runs) {
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("warmups (" + warmups + ") must be >= 0 and runs (" + runs + ") >= 1");
        }
        this.warmups = warmups;
        this.runs = runs;
    }

    /**
     * Measures every contender on a corpus.
     *
     * @param corpus the texts
     * @param contenders what to measure
     * @return one result per contender, in order
     */
    public List<Result> measure(List<String> corpus, List<Contender> contenders) {
        long bytes = 0;
        for (String t : corpus) {
            bytes += t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        long[] tokens = new long[contenders.size()];
        for (int c = 0; c < contenders.size(); c++) {
            tokens[c] = -1;
            for (int w = 0; w < warmups; w++) {
                tokens[c] = check(contenders.get(c), tokens[c], contenders.get(c).encodeAll().applyAsLong(corpus));
            }
        }
        double[][] secs = new double[contenders.size()][runs];
        for (int r = 0; r < runs; r++) {
            for (int c = 0; c < contenders.size(); c++) {
                long t0 = System.nanoTime();
                long n = contenders.get(c).encodeAll().applyAsLong(corpus);
                secs[c][r] = (System.nanoTime() - t0) / 1e9;
                tokens[c] = check(contenders.get(c), tokens[c], n);
            }
        }
        List<Result> out = new ArrayList<>();
        for (int c = 0; c < contenders.size(); c++) {
            double[] s = secs[c].clone();
            Arrays.sort(s);
            double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
            Contender k = contenders.get(c);
            out.add(new Result(k.name(), k.mode(), k.threads(), tokens[c], bytes, bytes / 1e6 / median, bytes / 1e6 / s[0],
                    secs[c]));
        }
        return out;
    }

    private static long check(Contender c, long before, long now) {
        if (before >= 0 && before != now) {
            throw new IllegalStateException(c.name() + " (" + c.mode() + "): token count changed between passes: "
                    + before + " then " + now);
        }
        return now;
    }
}
