package dev.tessera.serve.load;

import dev.tessera.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The load test's picture: aggregate tokens per second, and latency percentiles, against concurrent clients. */
public final class LoadPlot {
    private LoadPlot() { }

    /**
     * Writes the two panels side by side into one PNG (atomically); a level run several times is plotted at the
     * median of its runs.
     *
     * @param file the PNG
     * @param runs the levels' measurements
     * @param title the title over both panels
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, List<LoadRun> runs, String title) throws IOException {
        Map<Integer, List<LoadRun>> byClients = new TreeMap<>();
        for (LoadRun r : runs) {
            byClients.computeIfAbsent(r.clients(), k -> new java.util.ArrayList<>()).add(r);
        }
        XYSeries tps = new XYSeries("aggregate tokens/s");
        XYSeries ttft50 = new XYSeries("time to first token p50");
        XYSeries ttft99 = new XYSeries("time to first token p99");
        XYSeries lat50 = new XYSeries("request latency p50");
        XYSeries lat99 = new XYSeries("request latency p99");
        for (Map.Entry<Integer, List<LoadRun>> e : byClients.entrySet()) {
            List<LoadRun> l = e.getValue();
            int x = e.getKey();
            tps.add(x, median(l, LoadRun::tokensPerSecond));
            ttft50.add(x, median(l, LoadRun::ttftP50Ms) / 1000);
            ttft99.add(x, median(l, LoadRun::ttftP99Ms) / 1000);
            lat50.add(x, median(l, LoadRun::latencyP50Ms) / 1000);
            lat99.add(x, median(l, LoadRun::latencyP99Ms) / 1000);
        }
        JFreeChart left = chart("Throughput", "tokens / s", new XYSeriesCollection(tps));
        XYSeriesCollection lat = new XYSeriesCollection();
        lat.addSeries(ttft50);
        lat.addSeries(ttft99);
        lat.addSeries(lat50);
        lat.addSeries(lat99);
        JFreeChart right = chart("Latency", "seconds", lat);
        int w = 640;
        int h = 440;
        BufferedImage img = new BufferedImage(2 * w, h + 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font("SansSerif", java.awt.Font.BOLD, 15));
        g.drawString(title, 16, 26);
        left.draw(g, new Rectangle2D.Double(0, 40, w, h));
        right.draw(g, new Rectangle2D.Double(w, 40, w, h));
        g.dispose();
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }

    private static JFreeChart chart(String title, String yLabel, XYSeriesCollection data) {
        LogAxis x = new LogAxis("concurrent clients");
        x.setBase(2);
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setNumberFormatOverride(new java.text.DecimalFormat("0")); // 1, 2, 4 ... rather than 2^0, 2^1 ...
        NumberAxis y = new NumberAxis(yLabel);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, colors[i % colors.length]);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static double median(List<LoadRun> runs, java.util.function.ToDoubleFunction<LoadRun> f) {
        double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
