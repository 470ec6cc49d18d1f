package dev.tessera.timeseries.data;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Reads a {@link TimeSeries} from a CSV file through Tablesaw.
 *
 * <p>The time column is the one named in the options, else the first date or date-time column,
 * else a column named {@code index}/{@code time}/{@code t} holding integers (then the series has an
 * integer index), else none. Every other numeric column is a channel unless channels are named.
 * Empty cells are missing values (NaN). The frequency is the one given, else inferred from the
 * median gap between timestamps ({@link Frequency#fromMedianDays(double)}), else {@code OTHER}.
 */
public final class TimeSeriesCsv {
    private static final List<String> INDEX_NAMES = List.of("index", "time", "t", "step");

    private TimeSeriesCsv() { }

    /**
     * How to read a CSV file.
     *
     * @param timeColumn the time column's name, or {@code null} to detect it
     * @param valueColumns the channel columns, or {@code null}/empty for every other numeric column
     * @param frequency the frequency, or {@code null} to infer it
     */
    public record Options(String timeColumn, List<String> valueColumns, Frequency frequency) {
        /** Copies the column list. */
        public Options {
            valueColumns = valueColumns == null ? List.of() : List.copyOf(valueColumns);
        }

        /** @return options that detect everything */
        public static Options detect() {
            return new Options(null, null, null);
        }
    }

    /**
     * Reads a series, detecting the time column, channels and frequency.
     *
     * @param file the CSV file
     * @return the series, named after the file (without {@code .csv})
     * @throws IOException if the file cannot be read or is not a usable series (the message says why)
     */
    public static TimeSeries read(Path file) throws IOException {
        return read(file, Options.detect());
    }

    /**
     * Reads a series.
     *
     * @param file the CSV file
     * @param options time column, channels and frequency (any may be detected)
     * @return the series
     * @throws IOException if the file cannot be read or is not a usable series (the message says why)
     */
    public static TimeSeries read(Path file, Options options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such CSV file: " + file);
        }
        Table table;
        try {
            table = Table.read().csv(CsvReadOptions.builder(file.toFile()).missingValueIndicator("", "NA", "NaN")
                    .build());
        } catch (RuntimeException e) {
            throw new CorruptFileException(file.toString(), "not a readable CSV file: " + e.getMessage(), e);
        }
        String name = file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return fromTable(name, table, options, file.toString());
    }

    /**
     * Builds a series from a Tablesaw table.
     *
     * @param name the series name
     * @param table the table
     * @param options time column, channels and frequency
     * @param where a description of the source for error messages
     * @return the series
     * @throws IOException if the table is not a usable series
     */
    public static TimeSeries fromTable(String name, Table table, Options options, String where) throws IOException {
        if (table.rowCount() == 0) {
            throw new CorruptFileException(where, "no rows");
        }
        Column<?> time = timeColumn(table, options, where);
        List<String> valueNames = new ArrayList<>();
        if (!options.valueColumns().isEmpty()) {
            for (String v : options.valueColumns()) {
                if (!table.columnNames().contains(v)) {
                    throw new CorruptFileException(where, "no column '" + v + "'; columns are " + table.columnNames());
                }
                valueNames.add(v);
            }
        } else {
            for (Column<?> c : table.columns()) {
                if (c != time && c instanceof NumericColumn) {
                    valueNames.add(c.name());
                }
            }
        }
        if (valueNames.isEmpty()) {
            throw new CorruptFileException(where, "no numeric value column; columns are " + table.columnNames()
                    + " with types " + table.columns().stream().map(c -> c.type().name()).toList());
        }
        int n = Limits.count(table.rowCount(), Limits.MAX_SERIES_POINTS, "row count", where, "rows");
        double[][] ch = new double[valueNames.size()][n];
        for (int c = 0; c < valueNames.size(); c++) {
            Column<?> col = table.column(valueNames.get(c));
            if (!(col instanceof NumericColumn)) {
                throw new CorruptFileException(where, "column '" + col.name() + "' is " + col.type().name()
                        + ", not numeric (first value '" + col.getString(0) + "')");
            }
            NumericColumn<?> num = (NumericColumn<?>) col;
            for (int i = 0; i < n; i++) {
                ch[c][i] = num.isMissing(i) ? Double.NaN : num.getDouble(i);
                if (Double.isInfinite(ch[c][i])) {
                    throw new CorruptFileException(where, "infinite value in column '" + col.name() + "' at row " + (i + 1));
                }
            }
        }
        LocalDateTime[] stamps = null;
        if (time != null && (time.type() == ColumnType.LOCAL_DATE || time.type() == ColumnType.LOCAL_DATE_TIME)) {
            stamps = new LocalDateTime[n];
            for (int i = 0; i < n; i++) {
                if (time.isMissing(i)) {
                    throw new CorruptFileException(where, "missing timestamp in column '" + time.name() + "' at row "
                            + (i + 1));
                }
                stamps[i] = time.type() == ColumnType.LOCAL_DATE
                        ? ((DateColumn) time).get(i).atStartOfDay()
                        : ((DateTimeColumn) time).get(i);
            }
        }
        if (time != null && stamps == null) {
            checkIndex(time, where);
        }
        Frequency freq = options.frequency() != null ? options.frequency() : inferFrequency(stamps);
        if (stamps != null) {
            checkNoMissingSteps(stamps, freq, time.name(), where);
        }
        try {
            return new TimeSeries(name, stamps, ch, valueNames, freq);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(where, "" + e.getMessage(), e);
        }
    }

    /** An integer time index must be present on every row and rise by the same step: no duplicate, no gap. */
    private static void checkIndex(Column<?> time, String where) throws CorruptFileException {
        if (!(time instanceof NumericColumn)) {
            throw new CorruptFileException(where, "time column '" + time.name() + "' is " + time.type().name()
                    + "; expected dates, date-times or an integer index");
        }
        NumericColumn<?> t = (NumericColumn<?>) time;
        double step = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.isMissing(i)) {
                throw new CorruptFileException(where, "row " + (i + 2) + ": missing index in time column '"
                        + time.name() + "'");
            }
            if (i == 0) {
                continue;
            }
            double d = t.getDouble(i) - t.getDouble(i - 1);
            if (i == 1) {
                step = d;
            }
            if (!(d > 0) || d != step) {
                throw new CorruptFileException(where, "row " + (i + 2) + ": time index " + (long) t.getDouble(i)
                        + " follows " + (long) t.getDouble(i - 1) + (d <= 0 ? " (indices must increase)"
                        : " but the step so far was " + (long) step + " (a missing or extra row?)"));
            }
        }
    }

    /**
     * Monthly and coarser series must have every step: a missing month would silently shift the
     * seasonality. (Daily and weekly series may skip days, as business-day data does.)
     */
    private static void checkNoMissingSteps(LocalDateTime[] stamps, Frequency f, String column, String where)
            throws CorruptFileException {
        int months;
        switch (f) {
            case MONTHLY: months = 1; break;
            case QUARTERLY: months = 3; break;
            case YEARLY: months = 12; break;
            case DECENNIAL: months = 120; break;
            default: return;
        }
        for (int i = 1; i < stamps.length; i++) {
            long gap = ChronoUnit.MONTHS.between(java.time.YearMonth.from(stamps[i - 1]), java.time.YearMonth.from(stamps[i]));
            if (gap != months) {
                throw new CorruptFileException(where, "row " + (i + 2) + ": " + column + " " + stamps[i].toLocalDate()
                        + " follows " + stamps[i - 1].toLocalDate() + ", but a " + f.name().toLowerCase(Locale.ROOT)
                        + " series steps by " + months + " month" + (months > 1 ? "s" : "")
                        + (gap > months ? " (missing rows? add them with an empty value)" : ""));
            }
        }
    }

    private static Column<?> timeColumn(Table table, Options options, String where) throws IOException {
        if (options.timeColumn() != null) {
            if (!table.columnNames().contains(options.timeColumn())) {
                throw new CorruptFileException(where, "no time column '" + options.timeColumn() + "'; columns are "
                        + table.columnNames());
            }
            return table.column(options.timeColumn());
        }
        for (Column<?> c : table.columns()) {
            if (c.type() == ColumnType.LOCAL_DATE || c.type() == ColumnType.LOCAL_DATE_TIME) {
                return c;
            }
        }
        for (Column<?> c : table.columns()) {
            if (INDEX_NAMES.contains(c.name().toLowerCase(Locale.ROOT))
                    && (c.type() == ColumnType.INTEGER || c.type() == ColumnType.LONG)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Infers the frequency from timestamps.
     *
     * @param stamps the timestamps, or {@code null}
     * @return the inferred frequency, {@code OTHER} without timestamps or with fewer than two
     */
    public static Frequency inferFrequency(LocalDateTime[] stamps) {
        if (stamps == null || stamps.length < 2) {
            return Frequency.OTHER;
        }
        double[] gaps = new double[stamps.length - 1];
        for (int i = 1; i < stamps.length; i++) {
            gaps[i - 1] = ChronoUnit.MINUTES.between(stamps[i - 1], stamps[i]) / 1440.0;
        }
        Arrays.sort(gaps);
        return Frequency.fromMedianDays(gaps[gaps.length / 2]);
    }

    /**
     * Converts a date to a timestamp at the start of the day (a convenience for callers building
     * series by hand).
     *
     * @param d the date
     * @return the timestamp
     */
    public static LocalDateTime atStartOfDay(LocalDate d) {
        return d.atStartOfDay();
    }
}
