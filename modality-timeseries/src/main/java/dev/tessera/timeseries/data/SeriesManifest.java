package dev.tessera.timeseries.data;

import dev.tessera.core.io.CorruptFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A benchmark folder: one CSV per series plus {@code manifest.csv} with the columns {@code name},
 * {@code file}, {@code frequency}, {@code period} (seasonal period m), {@code horizon} (h) and
 * optionally {@code time_column}. The test part of each series is its last {@code h} points.
 */
public final class SeriesManifest {
    private final Path dir;
    private final List<Entry> entries;

    /**
     * One row of the manifest.
     *
     * @param name the series name
     * @param file the CSV file name inside the folder
     * @param frequency the frequency
     * @param period the seasonal period m (at least 1)
     * @param horizon the number of test points h (at least 1)
     * @param timeColumn the time column's name, or {@code null} to detect it
     */
    public record Entry(String name, String file, Frequency frequency, int period, int horizon, String timeColumn) {
        /** Validates the fields. */
        public Entry {
            if (period < 1) {
                throw new IllegalArgumentException("manifest entry '" + name + "': period (" + period + ") must be >= 1");
            }
            if (horizon < 1) {
                throw new IllegalArgumentException("manifest entry '" + name + "': horizon (" + horizon
                        + ") must be >= 1");
            }
        }
    }

    /**
     * One series split for evaluation.
     *
     * @param entry its manifest row
     * @param full the whole series
     * @param train the first {@code n - h} points, missing values filled by linear interpolation
     * @param test the last {@code h} points as they are (NaN = missing, skipped when scoring)
     */
    public record Split(Entry entry, TimeSeries full, TimeSeries train, double[] test) {
        /**
         * Splits a series that is not in a manifest: the last {@code horizon} points are the test part.
         *
         * @param full the whole series (one channel; NaN = missing)
         * @param period the seasonal period m of the scores (at least 1)
         * @param horizon the number of test points h
         * @return the split
         * @throws IllegalArgumentException if the series has fewer than {@code horizon + 2} points
         */
        public static Split of(TimeSeries full, int period, int horizon) {
            Entry e = new Entry(full.name(), full.name(), full.frequency(), period, horizon, null);
            int n = full.length();
            if (n < horizon + 2) {
                throw new IllegalArgumentException(e.name() + ": " + n + " points, need more than horizon " + horizon
                        + " + 1");
            }
            TimeSeries trainRaw = full.slice(0, n - horizon);
            double[] filled = MissingValues.interpolate(trainRaw.values(0), e.name() + " (training part)");
            TimeSeries train = trainRaw.withValues(new double[][] {filled});
            return new Split(e, full, train, full.slice(n - horizon, n).values(0));
        }

        /**
         * The backtest split of this series: the training part alone, its last {@code h} points held
         * out. Choices scored on it (settings, budgets) never see the real test part.
         *
         * @return the split of the training part
         * @throws IllegalArgumentException if the training part has no more than {@code h + 1} points
         */
        public Split backtest() {
            int h = entry.horizon();
            int n = train.length();
            if (n < h + 2) {
                throw new IllegalArgumentException(entry.name() + ": training part of " + n
                        + " points is too short for a backtest with horizon " + h);
            }
            return new Split(entry, train, train.slice(0, n - h), train.slice(n - h, n).values(0));
        }
    }

    private SeriesManifest(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads {@code manifest.csv} of a folder.
     *
     * @param dir the folder
     * @return the manifest
     * @throws IOException if the manifest is missing or malformed (the message names the row and column)
     */
    public static SeriesManifest read(Path dir) throws IOException {
        Path file = dir.resolve("manifest.csv");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no manifest.csv in " + dir);
        }
        Table t;
        try {
            // every column as text: type detection would read a time column named "t" or "f" as a boolean
            t = Table.read().csv(CsvReadOptions.builder(file.toFile()).missingValueIndicator("")
                    .columnTypes(column -> tech.tablesaw.api.ColumnType.STRING).build());
        } catch (RuntimeException e) {
            throw new CorruptFileException(file.toString(), "not a readable CSV file: " + e.getMessage(), e);
        }
        for (String col : List.of("name", "file", "frequency", "period", "horizon")) {
            if (!t.columnNames().contains(col)) {
                throw new CorruptFileException(file.toString(), "missing column '" + col + "'; columns are " + t.columnNames());
            }
        }
        boolean hasTime = t.columnNames().contains("time_column");
        List<Entry> entries = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            try {
                String name = t.column("name").getString(r);
                String tc = hasTime ? t.column("time_column").getString(r) : "";
                String f = t.column("file").getString(r);
                if (f == null || f.isBlank() || Path.of(f).isAbsolute() || Path.of(f).normalize().startsWith("..")) {
                    throw new IllegalArgumentException("file '" + f + "' must be a path inside " + dir);
                }
                entries.add(new Entry(name, f,
                        Frequency.parse(t.column("frequency").getString(r)),
                        Integer.parseInt(t.column("period").getString(r).trim()),
                        Integer.parseInt(t.column("horizon").getString(r).trim()),
                        tc == null || tc.isBlank() ? null : tc));
            } catch (RuntimeException e) {
                throw new CorruptFileException(file.toString(), "row " + (r + 2) + ": " + e.getMessage(), e);
            }
        }
        if (entries.isEmpty()) {
            throw new CorruptFileException(file.toString(), "no series listed");
        }
        return new SeriesManifest(dir, entries);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the rows in file order */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Loads one series.
     *
     * @param e a row of this manifest
     * @return the whole series (univariate; the first value column)
     * @throws IOException if its file is unreadable
     */
    public TimeSeries load(Entry e) throws IOException {
        TimeSeries s = TimeSeriesCsv.read(dir.resolve(e.file()),
                new TimeSeriesCsv.Options(e.timeColumn(), null, e.frequency()));
        if (s.channelCount() != 1) {
            throw new IOException(dir.resolve(e.file()) + ": expected one value column, found " + s.channelNames());
        }
        return new TimeSeries(e.name(), s.timestamps(), new double[][] {s.values(0)}, s.channelNames(),
                e.frequency());
    }

    /**
     * Loads one series and splits it: the last {@code horizon} points are the test part.
     *
     * @param e a row of this manifest
     * @return the split
     * @throws IOException if the file is unreadable or shorter than {@code horizon + 2} points
     */
    public Split split(Entry e) throws IOException {
        TimeSeries full = load(e);
        if (full.length() < e.horizon() + 2) {
            throw new IOException(e.name() + ": " + full.length() + " points, need more than horizon " + e.horizon()
                    + " + 1");
        }
        Split s = Split.of(full, e.period(), e.horizon());
        return new Split(e, s.full(), s.train(), s.test());
    }

    /**
     * Loads and splits every series.
     *
     * @return the splits in manifest order
     * @throws IOException if a file is unreadable
     */
    public List<Split> splits() throws IOException {
        List<Split> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(split(e));
        }
        return out;
    }
}
