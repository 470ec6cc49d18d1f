package dev.tessera.timeseries.task;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws {@link SeasonalSeries} whose traits are unambiguous: the seasonal amplitude is 1, the
 * level is in [3, 6], a rising or falling trend changes the level by 2 to 5 over the trend length
 * (0 when flat), low noise has a standard deviation in [0.05, 0.15] and high noise in [0.5, 0.8].
 */
public final class SeasonalSeriesGenerator {
    private final int[] periods;

    /**
     * Creates a generator.
     *
     * @param periods the periods to draw from (each at least 2)
     */
    public SeasonalSeriesGenerator(int... periods) {
        if (periods.length == 0) {
            throw new IllegalArgumentException("periods must not be empty");
        }
        for (int p : periods) {
            if (p < 2) {
                throw new IllegalArgumentException("period " + p + " in " + Arrays.toString(periods) + " must be >= 2");
            }
        }
        this.periods = periods.clone();
    }

    /** @return the periods drawn from */
    public int[] periods() {
        return periods.clone();
    }

    /**
     * Draws traits uniformly.
     *
     * @param rng the random source
     * @return the traits
     */
    public SeriesTraits drawTraits(SplittableRandom rng) {
        SeriesTraits.Trend[] trends = SeriesTraits.Trend.values();
        SeriesTraits.Noise[] noises = SeriesTraits.Noise.values();
        return new SeriesTraits(trends[rng.nextInt(trends.length)], periods[rng.nextInt(periods.length)],
                noises[rng.nextInt(noises.length)]);
    }

    /**
     * Draws a series with random traits.
     *
     * @param length the number of points
     * @param rng the random source
     * @return the series
     */
    public SeasonalSeries draw(int length, SplittableRandom rng) {
        return draw(length, drawTraits(rng), rng);
    }

    /**
     * Draws a series with given traits.
     *
     * @param length the number of points (also the trend length)
     * @param traits the traits
     * @param rng the random source
     * @return the series
     */
    public SeasonalSeries draw(int length, SeriesTraits traits, SplittableRandom rng) {
        if (length < 2) {
            throw new IllegalArgumentException("length (" + length + ") must be >= 2");
        }
        double level = 3 + 3 * rng.nextDouble();
        double size = 2 + 3 * rng.nextDouble();
        double change = switch (traits.trend()) {
            case RISING -> size;
            case FALLING -> -size;
            case FLAT -> 0;
        };
        double amplitude = 1;
        double phase = 2 * Math.PI * rng.nextDouble();
        double sigma = traits.noise() == SeriesTraits.Noise.LOW ? 0.05 + 0.1 * rng.nextDouble()
                : 0.5 + 0.3 * rng.nextDouble();
        SeasonalSeries clean = new SeasonalSeries(traits, level, change, amplitude, phase, sigma, new double[0]);
        double[] v = clean.signal(traits.period(), length, length);
        for (int t = 0; t < length; t++) {
            v[t] += sigma * rng.nextGaussian();
        }
        return new SeasonalSeries(traits, level, change, amplitude, phase, sigma, v);
    }
}
