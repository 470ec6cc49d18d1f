package dev.tessera.timeseries.data;

import java.util.Locale;

/** Sampling frequency of a series, with the seasonal period usually assumed for it. */
public enum Frequency {
    /** One value per hour (period 24, the daily cycle). */
    HOURLY(24, 1.0 / 24),
    /** One value per day (period 1 unless the caller knows better, e.g. 7 for weekly cycles). */
    DAILY(1, 1),
    /** One value per week. */
    WEEKLY(1, 7),
    /** One value per month (period 12). */
    MONTHLY(12, 30.44),
    /** One value per quarter (period 4). */
    QUARTERLY(4, 91.31),
    /** One value per year. */
    YEARLY(1, 365.25),
    /** One value per decade. */
    DECENNIAL(1, 3652.5),
    /** No calendar (integer index) or an irregular one. */
    OTHER(1, Double.NaN);

    private final int defaultPeriod;
    private final double days;

    Frequency(int defaultPeriod, double days) {
        this.defaultPeriod = defaultPeriod;
        this.days = days;
    }

    /** @return the seasonal period conventionally used for this frequency (24, 12, 4 or 1) */
    public int defaultPeriod() {
        return defaultPeriod;
    }

    /**
     * Parses a name such as {@code monthly} (case-insensitive).
     *
     * @param name the name
     * @return the frequency
     * @throws IllegalArgumentException listing the known names
     */
    public static Frequency parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown frequency '" + name + "'; known: "
                    + java.util.Arrays.toString(values()).toLowerCase(Locale.ROOT), e);
        }
    }

    /**
     * Infers a frequency from the median spacing between timestamps in days.
     *
     * @param medianDays median gap between consecutive timestamps, in days
     * @return the closest frequency within 10%, or {@link #OTHER}
     */
    public static Frequency fromMedianDays(double medianDays) {
        for (Frequency f : values()) {
            if (!Double.isNaN(f.days) && Math.abs(medianDays - f.days) <= 0.1 * f.days + 0.5 * (f == DAILY || f == HOURLY ? 0 : 1)) {
                return f;
            }
        }
        return OTHER;
    }
}
