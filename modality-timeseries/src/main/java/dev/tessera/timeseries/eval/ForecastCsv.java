package dev.tessera.timeseries.eval;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.timeseries.forecast.Forecast;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes forecasts as CSV: {@code series,step,mean,q<level>...} with steps 1..h, so the metrics
 * can be recomputed independently. Written atomically.
 */
public final class ForecastCsv {
    private ForecastCsv() { }

    /**
     * Writes forecasts that share one set of levels.
     *
     * @param file the output file
     * @param forecasts the forecasts
     * @throws IOException on write failure
     * @throws IllegalArgumentException if the forecasts have different levels
     */
    public static void write(Path file, List<Forecast> forecasts) throws IOException {
        if (forecasts.isEmpty()) {
            throw new IllegalArgumentException("no forecasts to write");
        }
        double[] levels = forecasts.get(0).levels();
        StringBuilder sb = new StringBuilder("series,step,mean");
        for (double l : levels) {
            sb.append(",q").append(label(l));
        }
        sb.append('\n');
        for (Forecast f : forecasts) {
            if (!java.util.Arrays.equals(levels, f.levels())) {
                throw new IllegalArgumentException("forecast of '" + f.series() + "' has other quantile levels");
            }
            double[] mean = f.mean();
            double[][] q = f.quantiles();
            for (int t = 0; t < f.horizon(); t++) {
                sb.append(quote(f.series())).append(',').append(t + 1).append(',').append(num(mean[t]));
                for (double[] row : q) {
                    sb.append(',').append(num(row[t]));
                }
                sb.append('\n');
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /**
     * Formats a level as in the column names ({@code 0.1}, {@code 0.25}).
     *
     * @param level the level
     * @return the label
     */
    public static String label(double level) {
        String s = String.format(Locale.ROOT, "%.4f", level).replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
