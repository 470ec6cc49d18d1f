package dev.tessera.timeseries.task;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The describable properties of a generated seasonal series: trend direction, seasonal period and
 * noise level. {@link #describe()} writes them as e.g. {@code "rising trend, period 12, high noise"}
 * and {@link #parse(String)} reads such a text back.
 *
 * @param trend the trend direction
 * @param period the seasonal period in steps (at least 2)
 * @param noise the noise level
 */
public record SeriesTraits(Trend trend, int period, Noise noise) {
    private static final Pattern TEXT = Pattern.compile("(rising|falling|flat) trend, period (\\d{1,3}), (low|high) noise");

    /** Trend direction. */
    public enum Trend {
        /** Increasing over the series. */
        RISING,
        /** Decreasing over the series. */
        FALLING,
        /** No trend. */
        FLAT
    }

    /** Noise level relative to the seasonal amplitude. */
    public enum Noise {
        /** Small noise: the seasonal shape is clean. */
        LOW,
        /** Large noise: the seasonal shape is blurred. */
        HIGH
    }

    /** Validates the fields. */
    public SeriesTraits {
        if (trend == null || noise == null) {
            throw new IllegalArgumentException("trend (" + trend + ") and noise (" + noise + ") must be given");
        }
        if (period < 2) {
            throw new IllegalArgumentException("period (" + period + ") must be >= 2");
        }
    }

    /** @return the description, e.g. {@code "rising trend, period 12, high noise"} */
    public String describe() {
        return trend.name().toLowerCase(Locale.ROOT) + " trend, period " + period + ", "
                + noise.name().toLowerCase(Locale.ROOT) + " noise";
    }

    /**
     * Reads a description written by {@link #describe()}.
     *
     * @param text the text (surrounding whitespace ignored)
     * @return the traits, or empty if the text is not exactly such a description
     */
    public static Optional<SeriesTraits> parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SeriesTraits(Trend.valueOf(m.group(1).toUpperCase(Locale.ROOT)),
                Integer.parseInt(m.group(2)), Noise.valueOf(m.group(3).toUpperCase(Locale.ROOT))));
    }
}
