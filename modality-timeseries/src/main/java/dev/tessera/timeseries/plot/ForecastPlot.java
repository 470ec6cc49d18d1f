package dev.tessera.timeseries.plot;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.timeseries.forecast.Forecast;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws one forecast: the last part of the history (black), the actual future values if known
 * (dark green, dashed), the median (blue) and the central quantile bands (light blue, the widest
 * palest) with JFreeChart. The x axis is the time index (history 1..n, forecast n+1..n+h).
 */
public final class ForecastPlot {
    private ForecastPlot() { }

    /**
     * Renders a chart.
     *
     * @param history the history (NaN = gap)
     * @param forecast the forecast of the steps after the history
     * @param actual the true future values, or {@code null}
     * @param title the chart title
     * @param maxHistory the most history points shown (the last ones)
     * @return the chart
     */
    public static JFreeChart chart(double[] history, Forecast forecast, double[] actual, String title,
            int maxHistory) {
        int n = history.length;
        int from = Math.max(0, n - maxHistory);
        XYSeries hist = new XYSeries("history");
        for (int t = from; t < n; t++) {
            hist.add(t + 1, Double.isNaN(history[t]) ? null : history[t]);
        }
        double[] levels = forecast.levels();
        double[][] q = forecast.quantiles();
        double[] median = forecast.median();
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        // pair the outermost levels first: (0.1, 0.9), (0.2, 0.8), ...
        for (int i = 0, j = levels.length - 1; i < j; i++, j--) {
            YIntervalSeries band = new YIntervalSeries(String.format(Locale.ROOT, "%.0f%% interval",
                    100 * (levels[j] - levels[i])));
            band.add(n, history[n - 1], history[n - 1], history[n - 1]);
            for (int t = 0; t < forecast.horizon(); t++) {
                band.add(n + t + 1, median[t], q[i][t], q[j][t]);
            }
            bands.addSeries(band);
        }
        XYSeriesCollection lines = new XYSeriesCollection();
        lines.addSeries(hist);
        XYSeries med = new XYSeries("median forecast");
        med.add(n, history[n - 1]);
        for (int t = 0; t < forecast.horizon(); t++) {
            med.add(n + t + 1, median[t]);
        }
        lines.addSeries(med);
        if (actual != null) {
            XYSeries act = new XYSeries("actual");
            act.add(n, history[n - 1]);
            for (int t = 0; t < actual.length; t++) {
                act.add(n + t + 1, Double.isNaN(actual[t]) ? null : actual[t]);
            }
            lines.addSeries(act);
        }
        NumberAxis x = new NumberAxis("time index");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("value");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setSeriesPaint(0, Color.BLACK);
        lineRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        lineRenderer.setSeriesPaint(1, new Color(20, 70, 200));
        lineRenderer.setSeriesStroke(1, new BasicStroke(2.2f));
        lineRenderer.setSeriesPaint(2, new Color(0, 120, 40));
        lineRenderer.setSeriesStroke(2, new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {6f, 4f}, 0f));
        XYPlot plot = new XYPlot(lines, x, y, lineRenderer);
        DeviationRenderer bandRenderer = new DeviationRenderer(false, false);
        for (int b = 0; b < bands.getSeriesCount(); b++) {
            bandRenderer.setSeriesFillPaint(b, new Color(70, 130, 230));
            bandRenderer.setSeriesPaint(b, new Color(70, 130, 230, 0));
            bandRenderer.setSeriesVisibleInLegend(b, false);
        }
        bandRenderer.setAlpha(0.18f);
        plot.setDataset(1, bands);
        plot.setRenderer(1, bandRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT,
                "median (blue) with %s central bands (shaded)", bandsLabel(levels))));
        return chart;
    }

    private static String bandsLabel(double[] levels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, j = levels.length - 1; i < j; i++, j--) {
            sb.append(sb.length() == 0 ? "" : "/").append(Math.round(100 * (levels[j] - levels[i]))).append('%');
        }
        return sb.length() == 0 ? "no" : sb.toString();
    }

    /**
     * Writes a chart as a PNG file (atomically).
     *
     * @param file the output file
     * @param history the history
     * @param forecast the forecast
     * @param actual the true future values, or {@code null}
     * @param title the title
     * @throws IOException on write failure
     */
    public static void writePng(Path file, double[] history, Forecast forecast, double[] actual, String title)
            throws IOException {
        JFreeChart chart = chart(history, forecast, actual, title, Math.max(4 * forecast.horizon(), 96));
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 1000, 520));
    }

    /**
     * Writes several forecasts in a grid of panels into one PNG.
     *
     * @param file the output file
     * @param histories one history per panel
     * @param forecasts one forecast per panel
     * @param actuals the true futures (entries may be {@code null})
     * @param titles panel titles
     * @param columns panels per row
     * @throws IOException on write failure
     */
    public static void writeGrid(Path file, List<double[]> histories, List<Forecast> forecasts,
            List<double[]> actuals, List<String> titles, int columns) throws IOException {
        int k = forecasts.size();
        int rows = (k + columns - 1) / columns;
        int w = 640;
        int h = 360;
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(columns * w, rows * h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < k; i++) {
            Forecast f = forecasts.get(i);
            JFreeChart c = chart(histories.get(i), f, actuals.get(i), titles.get(i), Math.max(4 * f.horizon(), 72));
            c.getTitle().setFont(new Font("SansSerif", Font.BOLD, 13));
            c.draw(g, new java.awt.geom.Rectangle2D.Double((i % columns) * w, (i / columns) * h, w, h));
        }
        g.dispose();
        AtomicFiles.write(file, out -> javax.imageio.ImageIO.write(img, "png", out));
    }
}
