package dev.tessera.timeseries.task;

import dev.tessera.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Small line plots of task examples (JFreeChart, written atomically as PNG). */
final class TaskPlots {
    private static final Color[] COLORS = {Color.BLACK, new Color(0, 120, 40), new Color(20, 70, 200),
        new Color(200, 40, 40), new Color(150, 90, 0)};

    /**
     * One line.
     *
     * @param name legend entry
     * @param start time index of the first value
     * @param values the values
     */
    record Line(String name, int start, double[] values) { }

    private TaskPlots() { }

    static void write(Path file, String title, String subtitle, List<Line> lines) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Line l : lines) {
            XYSeries s = new XYSeries(l.name());
            for (int t = 0; t < l.values().length; t++) {
                s.add(l.start() + t, l.values()[t]);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < lines.size(); i++) {
            r.setSeriesPaint(i, COLORS[i % COLORS.length]);
            r.setSeriesStroke(i, new BasicStroke(i == 0 ? 1.5f : 2f));
        }
        NumberAxis x = new NumberAxis("time index");
        NumberAxis y = new NumberAxis("value");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle));
        }
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, 800, 420));
    }
}
