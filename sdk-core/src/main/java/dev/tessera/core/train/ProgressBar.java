package dev.tessera.core.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line progress display: bar, step, loss, learning rate, tokens/s and ETA, redrawn at most
 * a few times a second (a new line per update when the stream is not a terminal).
 */
public final class ProgressBar implements TrainingListener {
    private final PrintStream out;
    private final String label;
    private final boolean inPlace;
    private long lastDraw;
    private double smoothLoss = Double.NaN;

    /**
     * Creates a progress bar.
     *
     * @param out where to draw (usually {@code System.err})
     * @param label a short name of the run
     */
    public ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
        this.inPlace = System.console() != null;
    }

    @Override
    public void onStep(StepMetrics m) {
        smoothLoss = Double.isNaN(smoothLoss) ? m.loss() : 0.9 * smoothLoss + 0.1 * m.loss();
        long now = System.nanoTime();
        boolean last = m.step() + 1 == m.totalSteps();
        long interval = inPlace ? 250_000_000L : 5_000_000_000L;
        if (!last && now - lastDraw < interval) {
            return;
        }
        lastDraw = now;
        double frac = (m.step() + 1) / (double) m.totalSteps();
        int width = 24;
        int filled = (int) Math.round(frac * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        double perStep = m.elapsedSeconds() / Math.max(1, m.step() + 1);
        double eta = perStep * (m.totalSteps() - m.step() - 1);
        String line = String.format(Locale.ROOT, "%s [%s] %d/%d loss %.4f lr %.2e %,.0f tok/s ETA %s", label, bar,
                m.step() + 1, m.totalSteps(), smoothLoss, m.learningRate(), m.tokensPerSecond(), duration(eta));
        if (inPlace) {
            out.print("\r" + line + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics) {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(String.format(Locale.ROOT, "%.4f", v)));
        out.print((inPlace ? "\n" : "") + label + " eval @" + (step + 1) + ":" + sb + "\n");
        out.flush();
    }

    private static String duration(double s) {
        long sec = Math.round(s);
        return sec >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", sec / 3600, (sec % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", sec / 60, sec % 60);
    }
}
