package dev.tessera.timeseries.tokenize;

/**
 * Settings of the scale-and-bin tokenizer: values divided by the context's mean absolute value are
 * quantised into {@code bins} equal-width bins over {@code [low, high]}; one more id marks a
 * missing value.
 *
 * @param bins the number of value bins (the Chronos default is 4094)
 * @param low the lower end of the scaled range
 * @param high the upper end of the scaled range
 */
public record ScaleBinConfig(int bins, double low, double high) {
    /** Validates the fields. */
    public ScaleBinConfig {
        if (bins < 2) {
            throw new IllegalArgumentException("bins (" + bins + ") must be at least 2");
        }
        if (!(low < high) || Double.isInfinite(low) || Double.isInfinite(high)) {
            throw new IllegalArgumentException("low (" + low + ") must be finite and below high (" + high + ")");
        }
    }

    /** @return the Chronos defaults: 4094 bins over [-15, 15] */
    public static ScaleBinConfig chronos() {
        return new ScaleBinConfig(4094, -15, 15);
    }

    /** @return the width of one bin in scaled units */
    public double binWidth() {
        return (high - low) / bins;
    }

    /** @return the id that marks a missing value ({@code bins}) */
    public int missingId() {
        return bins;
    }

    /** @return the local vocabulary size ({@code bins + 1}) */
    public int vocabularySize() {
        return bins + 1;
    }

    /**
     * Returns the bin of a scaled value (values outside the range go to the end bins).
     *
     * @param scaled a value already divided by the scale
     * @return the bin id in {@code [0, bins)}
     */
    public int bin(double scaled) {
        int b = (int) Math.floor((scaled - low) / binWidth());
        return Math.max(0, Math.min(bins - 1, b));
    }

    /**
     * Returns the centre of a bin in scaled units.
     *
     * @param id the bin id in {@code [0, bins)}
     * @return the centre
     */
    public double centre(int id) {
        return low + (id + 0.5) * binWidth();
    }
}
