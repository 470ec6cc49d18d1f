package dev.tessera.core.infer;

import dev.tessera.core.generate.DecodeEngine;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Measures batch-1 generation speed of any {@link DecodeEngine}: a prompt of {@code promptTokens}
 * random ids, then {@code newTokens} greedy steps through the KV cache; tokens/s = new tokens /
 * wall time of prefill plus decoding. When the cache is full, the last {@code context/2} tokens are
 * prefilled into a fresh cache (the overflow policy of {@code gpt_ref.py}). Reports the median of {@code runs} timed runs after
 * {@code warmups} untimed ones.
 */
public final class DecodeBenchmark {
    /** One measurement. */
    public record Result(String engine, int promptTokens, int newTokens, double[] tokensPerSecond,
            double medianTokensPerSecond) { }

    private DecodeBenchmark() { }

    /**
     * Runs the benchmark.
     *
     * @param engine the engine
     * @param promptTokens prompt length (e.g. 16)
     * @param newTokens tokens to generate (e.g. 256)
     * @param warmups untimed runs
     * @param runs timed runs
     * @param seed seed of the prompt
     * @return the measurement
     */
    public static Result run(DecodeEngine engine, int promptTokens, int newTokens, int warmups, int runs, long seed) {
        if (promptTokens < 1 || newTokens < 1 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("need promptTokens, newTokens, runs >= 1 and warmups >= 0, got "
                    + promptTokens + ", " + newTokens + ", " + runs + ", " + warmups);
        }
        if (promptTokens > engine.contextLength()) {
            throw new IllegalArgumentException("prompt " + promptTokens + " exceeds the context length "
                    + engine.contextLength());
        }
        SplittableRandom r = new SplittableRandom(seed);
        int[] prompt = new int[promptTokens];
        for (int i = 0; i < promptTokens; i++) {
            prompt[i] = r.nextInt(engine.vocabSize());
        }
        double[] rates = new double[runs];
        for (int i = 0; i < warmups + runs; i++) {
            long t0 = System.nanoTime();
            int[] seq = Arrays.copyOf(prompt, promptTokens + newTokens);
            int len = promptTokens;
            DecodeEngine.Session s = engine.open(1);
            try {
                float[] logits = s.prefill(new int[][] {prompt}, new int[] {0})[0];
                for (int t = 0; t < newTokens - 1; t++) {
                    seq[len++] = argmax(logits);
                    if (s.position() >= engine.contextLength()) {
                        s.close();
                        s = engine.open(1);
                        int keep = engine.contextLength() / 2;
                        logits = s.prefill(new int[][] {Arrays.copyOfRange(seq, len - keep, len)}, new int[] {0})[0];
                    } else {
                        logits = s.decode(new int[] {seq[len - 1]})[0];
                    }
                }
            } finally {
                s.close();
            }
            double sec = (System.nanoTime() - t0) * 1e-9;
            if (i >= warmups) {
                rates[i - warmups] = newTokens / sec;
            }
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
        return new Result(engine.name(), promptTokens, newTokens, rates, median);
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
