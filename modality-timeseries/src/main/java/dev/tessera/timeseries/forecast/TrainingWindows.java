package dev.tessera.timeseries.forecast;

import dev.tessera.timeseries.synth.StructuredSynth;
import dev.tessera.timeseries.synth.TsMixup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts training windows (a context and the next O values) from a pool of synthetic series and,
 * optionally, the user's real training series and fresh {@link StructuredSynth} series, some of them
 * mixed with {@link TsMixup} (real series join the mixtures only when real windows are asked for). Context
 * lengths are drawn log-uniformly between one patch and the model's context, so the model learns
 * short histories too; targets that run past the end of a series are masked.
 */
public final class TrainingWindows {
    private final List<double[]> synthetic;
    private final List<double[]> real;
    private final double realFraction;
    private final double mixupFraction;
    private final double structuredFraction;
    private final StructuredSynth structured;
    private final int contextLength;
    private final int patchLength;
    private final int outputLength;
    private final TsMixup mixup = new TsMixup(3, 1.5);

    /**
     * One window.
     *
     * @param context the history values
     * @param target the next O values (NaN past the end of the series)
     */
    public record Window(double[] context, double[] target) { }

    /**
     * Creates a sampler.
     *
     * @param synthetic synthetic series (NaN-free)
     * @param real real training series (NaN-free), may be empty
     * @param realFraction share of windows from real series
     * @param mixupFraction share of TSMixup windows
     * @param config the model shape (context, patch and output lengths)
     */
    public TrainingWindows(List<double[]> synthetic, List<double[]> real, double realFraction, double mixupFraction,
            PatchModelConfig config) {
        this(synthetic, real, realFraction, mixupFraction, 0, config);
    }

    /**
     * Creates a sampler that also draws {@link StructuredSynth} series.
     *
     * @param synthetic synthetic series (NaN-free)
     * @param real real training series (NaN-free), may be empty
     * @param realFraction share of windows from real series
     * @param mixupFraction share of TSMixup windows
     * @param structuredFraction share of windows from fresh {@link StructuredSynth} series
     * @param config the model shape (context, patch and output lengths)
     */
    public TrainingWindows(List<double[]> synthetic, List<double[]> real, double realFraction, double mixupFraction,
            double structuredFraction, PatchModelConfig config) {
        if (synthetic.isEmpty() && real.isEmpty() && structuredFraction == 0) {
            throw new IllegalArgumentException("no series to train on");
        }
        this.synthetic = List.copyOf(synthetic);
        this.real = new ArrayList<>();
        for (double[] r : real) {
            if (r.length >= config.patchLength() + 1) {
                this.real.add(r);
            }
        }
        this.realFraction = this.real.isEmpty() ? 0 : realFraction;
        this.mixupFraction = synthetic.isEmpty() && this.real.isEmpty() ? 0 : mixupFraction;
        this.structuredFraction = structuredFraction;
        this.structured = new StructuredSynth(Math.max(8, config.patchLength() + 1),
                Math.max(2 * (config.contextLength() + config.outputLength()), config.patchLength() + 1));
        this.contextLength = config.contextLength();
        this.patchLength = config.patchLength();
        this.outputLength = config.outputLength();
    }

    /**
     * Samples one window.
     *
     * @param rng the random source
     * @return the window
     */
    public Window sample(SplittableRandom rng) {
        double u = rng.nextDouble();
        double[] s;
        if (u < realFraction || (synthetic.isEmpty() && !real.isEmpty() && structuredFraction == 0)) {
            s = real.get(rng.nextInt(real.size()));
        } else if (u < realFraction + mixupFraction) {
            List<double[]> pool = new ArrayList<>(synthetic);
            if (realFraction > 0 && rng.nextBoolean()) {
                pool = real;
            } else if (structuredFraction > 0) {
                for (int i = 0; i < 3; i++) {
                    pool.add(structured.next(rng));
                }
            }
            int maxLen = 0;
            for (double[] p : pool) {
                maxLen = Math.max(maxLen, p.length);
            }
            int len = Math.max(patchLength + 1, Math.min(maxLen, contextLength + outputLength));
            len = patchLength + 1 + rng.nextInt(len - patchLength);
            s = mixup.mix(pool, len, rng);
        } else if (u < realFraction + mixupFraction + structuredFraction || synthetic.isEmpty()) {
            s = structured.next(rng);
        } else {
            s = synthetic.get(rng.nextInt(synthetic.size()));
        }
        return cut(s, rng);
    }

    private Window cut(double[] s, SplittableRandom rng) {
        int n = s.length;
        int maxCtx = Math.min(contextLength, n - 1);
        int minCtx = Math.min(patchLength, maxCtx);
        double lo = Math.log(minCtx);
        double hi = Math.log(maxCtx);
        int len = (int) Math.round(Math.exp(lo + rng.nextDouble() * (hi - lo)));
        len = Math.max(minCtx, Math.min(maxCtx, len));
        int end = len + rng.nextInt(n - len);
        double[] ctx = Arrays.copyOfRange(s, end - len, end);
        double[] target = new double[outputLength];
        for (int k = 0; k < outputLength; k++) {
            target[k] = end + k < n ? s[end + k] : Double.NaN;
        }
        return new Window(ctx, target);
    }
}
