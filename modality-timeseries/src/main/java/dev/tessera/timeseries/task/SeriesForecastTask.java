package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.synth.KernelSynth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code series_forecast}: {@code BOS, BEGIN:series, context (96 ids), END:series, BEGIN:series,
 * horizon (24 ids), END:series, EOS}; both segments are scale-and-bin tokens with the context's
 * scale. The loss is on every value after the first, context included (each is a one-step forecast
 * from the values before it, as patch forecasters such as GPHT train on every position), and on the
 * framing after them; the score is on the horizon only. Training on the context gives five times the
 * forecasting signal per sequence at no extra compute.
 *
 * <p>Series are half {@link SeasonalSeriesGenerator} series (periods 4, 6, 7, 12, 24 with a trend
 * and noise) and half KernelSynth series (a pool generated in {@link #prepare}). The evaluation set
 * is held out: seasonal series drawn from a random stream seeded apart from training, and a
 * KernelSynth pool of another seed. Score: relative MASE, the geometric mean over series of the
 * forecast's MAE (each step the median bin of the predicted distribution, {@link MedianValueDecoding})
 * divided by seasonal naive's (with the generator's period; period 1 for KernelSynth series, whose
 * periods are unknown), lower is better (seasonal naive = 1).
 */
public final class SeriesForecastTask implements Task {
    /** Context values. */
    public static final int CONTEXT = 96;
    /** Forecast values. */
    public static final int HORIZON = 24;
    static final int[] PERIODS = {4, 6, 7, 12, 24};
    private static final long EVAL_SALT = 0x5e71e5L;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(PERIODS);
    private List<double[]> trainPool = List.of();

    /** One evaluation series: its values, its seasonal-naive period and its source. */
    record Item(double[] values, int period, String source) { }

    private final int evalSeries;
    private final Path realSeries;

    /** Creates the task (60 evaluation series when quick, 200 otherwise). */
    public SeriesForecastTask() {
        this(0);
    }

    /**
     * Creates the task that also forecasts the real series of a manifest folder zero-shot when
     * evaluated (their score goes into the details; the task's score stays the synthetic one).
     *
     * @param realSeries a folder with {@code manifest.csv} (e.g. {@code ../shared/data/timeseries}), or
     *     {@code null} for none; a folder that does not exist is skipped with a log line
     */
    public SeriesForecastTask(Path realSeries) {
        this.evalSeries = 0;
        this.realSeries = realSeries;
    }

    /**
     * Creates the task with another evaluation size (for tests).
     *
     * @param evalSeries the number of held-out series, or 0 for the default
     */
    SeriesForecastTask(int evalSeries) {
        if (evalSeries < 0) {
            throw new IllegalArgumentException("evalSeries (" + evalSeries + ") must be >= 0");
        }
        this.evalSeries = evalSeries;
        this.realSeries = null;
    }

    private int evalCount(boolean quick) {
        return evalSeries > 0 ? evalSeries : quick ? 60 : 200;
    }

    @Override
    public String name() {
        return "series_forecast";
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return Map.of(SeriesTokens.SERIES, SeriesTokens.SERIES_VOCABULARY);
    }

    @Override
    public int maxLength() {
        return 1 + (CONTEXT + 2) + (HORIZON + 2) + 1;
    }

    @Override
    public void prepare(TaskContext context) {
        int n = context.quick() ? 200 : 1000;
        trainPool = new KernelSynth(CONTEXT + HORIZON, 5, 4).generate(n, context.seed());
        context.log().println(String.format(Locale.ROOT, "%s: %d KernelSynth training series", name(), trainPool.size()));
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        double[] v;
        if (trainPool.isEmpty() || rng.nextBoolean()) {
            v = generator.draw(CONTEXT + HORIZON, rng).values();
        } else {
            v = trainPool.get(rng.nextInt(trainPool.size()));
        }
        return example(layout, v);
    }

    /**
     * The example of one series.
     *
     * @param layout the layout
     * @param v context followed by horizon values
     * @return the example
     */
    static TaskExample example(VocabularyLayout layout, double[] v) {
        double[] ctx = Arrays.copyOfRange(v, 0, CONTEXT);
        double scale = SeriesTokens.scale(ctx);
        double[] future = Arrays.copyOfRange(v, CONTEXT, CONTEXT + HORIZON);
        int[] ids = new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(ctx, scale))
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(future, scale))
                .finish();
        int firstValue = new SeriesTokens.Builder(layout).open(SeriesTokens.SERIES).length();
        return TaskExample.lossFrom(ids, firstValue);
    }

    /**
     * The held-out evaluation series (deterministic for the seed): seasonal series from a stream
     * seeded apart from training, then KernelSynth series of another seed than the training pool.
     *
     * @param seed the run's seed
     * @param quick whether to use the small set
     * @return the series
     */
    List<Item> evaluationSet(long seed, boolean quick) {
        List<Item> items = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(seed ^ EVAL_SALT);
        List<double[]> evalPool = new KernelSynth(CONTEXT + HORIZON, 5, 4).generate(evalCount(quick) / 2,
                seed ^ EVAL_SALT);
        int seasonal = evalCount(quick) - evalPool.size();
        for (int i = 0; i < seasonal; i++) {
            SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
            items.add(new Item(s.values(), s.traits().period(), "seasonal"));
        }
        for (double[] v : evalPool) {
            items.add(new Item(v, 1, "kernelsynth"));
        }
        return items;
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        List<Item> items = evaluationSet(context.seed(), context.quick());
        List<int[]> prompts = new ArrayList<>();
        double[] scales = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            double[] ctx = Arrays.copyOfRange(items.get(i).values(), 0, CONTEXT);
            scales[i] = SeriesTokens.scale(ctx);
            prompts.add(new SeriesTokens.Builder(layout).segment(SeriesTokens.SERIES, SeriesTokens.encode(ctx, scales[i]))
                    .open(SeriesTokens.SERIES).prompt());
        }
        List<int[]> out = TaskGeneration.series(model, layout, prompts, HORIZON);
        double logRatio = 0;
        double logSeasonal = 0;
        int seasonalCount = 0;
        double[] first = null;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            double[] forecast = SeriesTokens.decode(out.get(i), scales[i]);
            double r = relativeMae(it.values(), forecast, it.period());
            logRatio += Math.log(r);
            if (it.source().equals("seasonal")) {
                logSeasonal += Math.log(r);
                seasonalCount++;
            }
            if (i == 0) {
                first = forecast;
            }
        }
        double score = Math.exp(logRatio / items.size());
        Path png = context.outDir().resolve(name() + ".png");
        Item it = items.get(0);
        TaskPlots.write(png, name() + ": held-out series 1 (period " + it.period() + ")",
                String.format(Locale.ROOT, "relative MASE over %d series %.3f", items.size(), score), List.of(
                        new TaskPlots.Line("context", 0, Arrays.copyOfRange(it.values(), 0, CONTEXT)),
                        new TaskPlots.Line("actual", CONTEXT, Arrays.copyOfRange(it.values(), CONTEXT, CONTEXT + HORIZON)),
                        new TaskPlots.Line("forecast (step medians)", CONTEXT, first)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", items.size());
        details.put("relative_mase_seasonal", seasonalCount == 0 ? Double.NaN : Math.exp(logSeasonal / seasonalCount));
        details.put("relative_mase_kernelsynth", items.size() == seasonalCount ? Double.NaN
                : Math.exp((logRatio - logSeasonal) / (items.size() - seasonalCount)));
        List<String> files = new ArrayList<>(List.of(png.getFileName().toString()));
        if (realSeries != null && Files.isDirectory(realSeries)) {
            Path realPng = context.outDir().resolve(name() + "-real.png");
            RealSeriesCheck.Result real = RealSeriesCheck.run(model, layout, realSeries, realPng);
            details.put("real_series", real.series());
            details.put("real_series_relative_mase_zero_shot", real.relativeMase());
            files.add(realPng.getFileName().toString());
            context.log().println(String.format(Locale.ROOT, "%s: %d real series from %s, zero-shot relative MASE %.3f",
                    name(), real.series(), realSeries, real.relativeMase()));
        } else if (realSeries != null) {
            context.log().println(name() + ": no real series at " + realSeries + " (skipped)");
        }
        return new TaskScore("relative_mase", score, false, details, files);
    }

    /**
     * MAE of a forecast of the last {@link #HORIZON} values divided by seasonal naive's (equal to
     * the MASE ratio: the in-sample scale cancels), floored at 1e-6.
     *
     * @param values context then actual values
     * @param forecast the forecast
     * @param period seasonal naive's period
     * @return the ratio
     */
    static double relativeMae(double[] values, double[] forecast, int period) {
        double model = 0;
        double naive = 0;
        for (int t = 0; t < HORIZON; t++) {
            double y = values[CONTEXT + t];
            model += Math.abs(forecast[t] - y);
            int back = CONTEXT - period + (t % period);
            naive += Math.abs(values[back] - y);
        }
        if (!(naive > 0)) {
            return 1.0;
        }
        return Math.max(model / naive, 1e-6);
    }
}
