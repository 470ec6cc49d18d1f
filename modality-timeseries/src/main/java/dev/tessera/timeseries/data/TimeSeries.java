package dev.tessera.timeseries.data;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable series: one or more channels of equal length, optional timestamps (otherwise an
 * integer index 0..n-1), and a frequency. Missing observations are {@code NaN}; infinite values
 * are rejected.
 *
 * <p>Arrays are copied on the way in and out.
 */
public final class TimeSeries {
    private final String name;
    private final LocalDateTime[] timestamps;
    private final double[][] channels;
    private final List<String> channelNames;
    private final Frequency frequency;

    /**
     * Creates a series.
     *
     * @param name a name used in messages and outputs
     * @param timestamps one per value, strictly increasing, or {@code null} for an integer index
     * @param channels values {@code [channel][time]}, at least one channel, equal lengths, NaN = missing
     * @param channelNames one name per channel
     * @param frequency the sampling frequency
     * @throws IllegalArgumentException if lengths differ, a value is infinite, or timestamps are not increasing
     */
    public TimeSeries(String name, LocalDateTime[] timestamps, double[][] channels, List<String> channelNames,
            Frequency frequency) {
        this.name = Objects.requireNonNull(name, "name");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        if (channels == null || channels.length == 0) {
            throw new IllegalArgumentException("series '" + name + "': needs at least one channel");
        }
        if (channelNames.size() != channels.length) {
            throw new IllegalArgumentException("series '" + name + "': " + channelNames.size() + " channel names for "
                    + channels.length + " channels");
        }
        int n = channels[0].length;
        this.channels = new double[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (channels[c].length != n) {
                throw new IllegalArgumentException("series '" + name + "': channel " + c + " has " + channels[c].length
                        + " values, channel 0 has " + n);
            }
            for (int t = 0; t < n; t++) {
                if (Double.isInfinite(channels[c][t])) {
                    throw new IllegalArgumentException("series '" + name + "': infinite value at channel " + c
                            + ", index " + t);
                }
            }
            this.channels[c] = channels[c].clone();
        }
        if (timestamps != null) {
            if (timestamps.length != n) {
                throw new IllegalArgumentException("series '" + name + "': " + timestamps.length + " timestamps for "
                        + n + " values");
            }
            for (int t = 1; t < n; t++) {
                if (!timestamps[t].isAfter(timestamps[t - 1])) {
                    throw new IllegalArgumentException("series '" + name + "': timestamps not increasing at index " + t
                            + " (" + timestamps[t - 1] + " then " + timestamps[t] + ")");
                }
            }
            this.timestamps = timestamps.clone();
        } else {
            this.timestamps = null;
        }
        this.channelNames = List.copyOf(channelNames);
    }

    /**
     * Creates a univariate series with an integer index.
     *
     * @param name the name
     * @param values the values (NaN = missing)
     * @param frequency the frequency
     * @return the series
     */
    public static TimeSeries of(String name, double[] values, Frequency frequency) {
        return new TimeSeries(name, null, new double[][] {values}, List.of("value"), frequency);
    }

    /**
     * Creates a univariate series with an integer index and frequency {@link Frequency#OTHER}.
     *
     * @param name the name
     * @param values the values
     * @return the series
     */
    public static TimeSeries of(String name, double[] values) {
        return of(name, values, Frequency.OTHER);
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return the number of time steps */
    public int length() {
        return channels[0].length;
    }

    /** @return the number of channels */
    public int channelCount() {
        return channels.length;
    }

    /** @return the channel names (unmodifiable) */
    public List<String> channelNames() {
        return channelNames;
    }

    /** @return the frequency */
    public Frequency frequency() {
        return frequency;
    }

    /** @return whether the series has timestamps (otherwise an integer index) */
    public boolean hasTimestamps() {
        return timestamps != null;
    }

    /** @return a copy of the timestamps, or {@code null} for an integer index */
    public LocalDateTime[] timestamps() {
        return timestamps == null ? null : timestamps.clone();
    }

    /**
     * Returns one channel's values.
     *
     * @param channel the channel index
     * @return a copy of the values
     */
    public double[] values(int channel) {
        if (channel < 0 || channel >= channels.length) {
            throw new IndexOutOfBoundsException("series '" + name + "' has " + channels.length + " channels, asked for "
                    + channel);
        }
        return channels[channel].clone();
    }

    /** @return the values of a univariate series (channel 0); throws for several channels */
    public double[] values() {
        if (channels.length != 1) {
            throw new IllegalStateException("series '" + name + "' has " + channels.length
                    + " channels; use values(channel)");
        }
        return channels[0].clone();
    }

    /** @return the number of NaN values over all channels */
    public int missingCount() {
        int k = 0;
        for (double[] ch : channels) {
            for (double v : ch) {
                if (Double.isNaN(v)) {
                    k++;
                }
            }
        }
        return k;
    }

    /**
     * Returns the time steps {@code [from, to)} as a new series.
     *
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the slice
     */
    public TimeSeries slice(int from, int to) {
        if (from < 0 || to > length() || from > to) {
            throw new IndexOutOfBoundsException("series '" + name + "': slice [" + from + ", " + to + ") of "
                    + length() + " values");
        }
        double[][] c = new double[channels.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = Arrays.copyOfRange(channels[i], from, to);
        }
        return new TimeSeries(name, timestamps == null ? null : Arrays.copyOfRange(timestamps, from, to), c,
                channelNames, frequency);
    }

    /**
     * Returns the same series with other values (same timestamps, names and frequency).
     *
     * @param newChannels values {@code [channel][time]} of the same shape
     * @return the new series
     */
    public TimeSeries withValues(double[][] newChannels) {
        return new TimeSeries(name, timestamps, newChannels, channelNames, frequency);
    }

    @Override
    public String toString() {
        return "TimeSeries[" + name + ", " + length() + " x " + channels.length + ", " + frequency + "]";
    }
}
