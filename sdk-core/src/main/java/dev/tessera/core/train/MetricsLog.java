package dev.tessera.core.train;

import dev.tessera.core.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends one JSON object per line: step metrics every {@code every} steps, and every evaluation. */
public final class MetricsLog implements TrainingListener, AutoCloseable {
    private final BufferedWriter out;
    private final int every;

    /**
     * Opens (appending) a JSON-lines log.
     *
     * @param path the log file
     * @param every log step metrics every this many steps
     * @throws IOException if the file cannot be opened
     */
    public MetricsLog(Path path, int every) throws IOException {
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.every = Math.max(1, every);
    }

    @Override
    public void onStep(StepMetrics m) {
        if ((m.step() + 1) % every == 0 || m.step() + 1 == m.totalSteps()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("step", m.step() + 1);
            o.put("loss", m.loss());
            o.put("lr", m.learningRate());
            o.put("grad_norm", m.gradNorm());
            o.put("tokens_per_s", m.tokensPerSecond());
            o.put("elapsed_s", m.elapsedSeconds());
            write(o);
        }
    }

    @Override
    public void onEval(long step, Map<String, Double> metrics) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("step", step + 1);
        o.put("eval", metrics);
        write(o);
    }

    private void write(Map<String, Object> o) {
        try {
            out.write(Json.COMPACT.toJson(o));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onEnd() {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
