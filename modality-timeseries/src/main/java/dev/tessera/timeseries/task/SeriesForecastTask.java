package dev.tessera.timeseries.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.synth.KernelSynth;
import dev.tessera.timeseries.tokenize.PatchTokenizer;
import dev.tessera.timeseries.tokenize.RevIn;
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
 * {@code series_forecast}: forecast the next {@value #HORIZON} values of a series from its last
 * {@value #CONTEXT}, on the joint backbone, with patches in and quantiles out (GPHT / TimesFM style)
 * instead of one token per value. The context is normalised with its own {@link RevIn} and cut into
 * {@value #PATCH_LENGTH}-value patches; the sequence {@code BOS, BEGIN:series_patch, patch x 12} is
 * embedded as usual, each patch position plus its features through the modality's input adapter
 * ({@link dev.tessera.timeseries.forecast.PatchLayers}, parameters {@code series_patch.*} registered in the
 * backbone by {@link #addParameters}, shared with the other series tasks, see {@link PatchSequences}); this
 * task's quantile head reads the last position and predicts all 24 values at the levels 0.1..0.9 at once,
 * plus its linear path from the 96 normalised context values ({@link PatchSequences#CONTEXT_FORECAST}). The loss
 * ({@link #loss}) is the pinball loss of those quantiles, in the context's normalised units.
 *
 * <p>Why not value tokens, as the series tasks used before: one token per value made a 120-token
 * sequence of which each step forecasts a single value, and the joint model stayed at seasonal naive's
 * error (relative MASE 1.05-1.12 in the session-4 demos); 14 positions per series give a step eight
 * times as many series, and a direct multi-step quantile head has no error accumulation.
 *
 * <p>Series are half {@link SeasonalSeriesGenerator} series (periods 4, 6, 7, 12, 24 with a trend
 * and noise) and half KernelSynth series (a pool generated in {@link #prepare}). The evaluation set
 * is held out: seasonal series drawn from a random stream seeded apart from training, and a
 * KernelSynth pool of another seed. Score: relative MASE, the geometric mean over series of the
 * forecast's MAE (the median quantile) divided by seasonal naive's (with the generator's period;
 * period 1 for KernelSynth series, whose periods are unknown), lower is better (seasonal naive = 1).
 */
public final class SeriesForecastTask extends PatchTask {
    /** The patch modality: local id 0 = a patch, 1 = a padding patch (before a short context). */
    public static final String MODALITY = PatchSequences.MODALITY;
    /** Context values. */
    public static final int CONTEXT = 96;
    /** Forecast values. */
    public static final int HORIZON = PatchSequences.HORIZON;
    /** Values per patch. */
    public static final int PATCH_LENGTH = PatchSequences.PATCH_LENGTH;
    /** Patches per context. */
    static final int PATCHES = CONTEXT / PATCH_LENGTH;
    /** Framing ids before the patches: BOS and BEGIN. */
    private static final int FRAMING = 2;
    static final int[] PERIODS = {4, 6, 7, 12, 24};
    private static final long EVAL_SALT = 0x5e71e5L;
    private static final int MEDIAN = PatchSequences.MEDIAN;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(PERIODS);
    private List<double[]> trainPool = List.of();

    /** One evaluation series: its values, its seasonal-naive period and its source. */
    record Item(double[] values, int period, String source) { }

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
        super("series_forecast", 0, 60, 200, false);
        this.realSeries = realSeries;
    }

    /**
     * Creates the task with another evaluation size (for tests).
     *
     * @param evalSeries the number of held-out series, or 0 for the default
     */
    SeriesForecastTask(int evalSeries) {
        super("series_forecast", evalSeries, 60, 200, false);
        this.realSeries = null;
    }

    @Override
    public int maxLength() {
        return FRAMING + PATCHES;
    }

    @Override
    public void prepare(TaskContext context) {
        int n = context.quick() ? 200 : 1000;
        trainPool = new KernelSynth(CONTEXT + HORIZON, 5, 4).generate(n, context.seed());
        context.log().println(String.format(Locale.ROOT, "%s: %d KernelSynth training series", name(), trainPool.size()));
    }

    /** A training series of {@code CONTEXT + HORIZON} values. */
    double[] draw(SplittableRandom rng) {
        if (trainPool.isEmpty() || rng.nextBoolean()) {
            return generator.draw(CONTEXT + HORIZON, rng).values();
        }
        return trainPool.get(rng.nextInt(trainPool.size()));
    }

    /** The token view: {@code BOS, BEGIN:series_patch} and one patch id per patch, no token loss. */
    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        int[] ids = new int[maxLength()];
        ids[0] = layout.bos();
        ids[1] = layout.begin(MODALITY);
        Arrays.fill(ids, FRAMING, ids.length, layout.toGlobal(MODALITY, PatchTokenizer.PATCH_ID));
        return new TaskExample(ids, new float[ids.length - 1]);
    }

    @Override
    public NDArray loss(DecoderModel model, VocabularyLayout layout, int examples, SplittableRandom rng,
            NDManager manager) {
        List<double[]> contexts = new ArrayList<>(examples);
        List<double[]> futures = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            double[] v = draw(rng);
            contexts.add(Arrays.copyOfRange(v, 0, CONTEXT));
            futures.add(Arrays.copyOfRange(v, CONTEXT, CONTEXT + HORIZON));
        }
        PatchForecastModel.Encoded enc = PatchForecastModel.encode(contexts, PATCH_LENGTH, PATCHES);
        NDArray q = PatchSequences.quantiles(model, layout, rows(layout, enc), PatchSequences.CONTEXT_FORECAST,
                manager);
        return PatchSequences.pinball(q, enc, futures, manager);
    }

    /** {@code BOS, BEGIN:series_patch, patches} of each encoded context. */
    private static List<PatchSequences.Row> rows(VocabularyLayout layout, PatchForecastModel.Encoded enc) {
        List<PatchSequences.Row> rows = new ArrayList<>(enc.batch());
        for (int i = 0; i < enc.batch(); i++) {
            rows.add(new PatchSequences.Row(layout).patches(enc, i, PATCHES));
        }
        return rows;
    }

    /**
     * Forecasts the next {@value #HORIZON} values of each context at every quantile level (0.1..0.9).
     *
     * @param model a model trained with this task (it has the {@code series_patch} adapter and head)
     * @param layout its layout
     * @param contexts histories, the last {@value #CONTEXT} values of each are read (a shorter one is padded)
     * @return per context, per level, the values
     * @throws IllegalArgumentException if the model lacks the task's parameters or a context has no value
     */
    static double[][][] forecast(DecoderModel model, VocabularyLayout layout, List<double[]> contexts) {
        PatchSequences.requireLayers(model, "series_forecast", PatchSequences.CONTEXT_FORECAST);
        return PatchSequences.forecast(model, layout, contexts, PATCHES, PatchSequences.CONTEXT_FORECAST,
                (enc, from) -> rows(layout, enc));
    }

    /**
     * The median forecasts of contexts.
     *
     * @param model a model trained with this task
     * @param layout its layout
     * @param contexts the histories
     * @return one forecast of {@value #HORIZON} values per context
     */
    static List<double[]> medianForecasts(DecoderModel model, VocabularyLayout layout, List<double[]> contexts) {
        List<double[]> out = new ArrayList<>();
        for (double[][] f : forecast(model, layout, contexts)) {
            out.add(f[MEDIAN]);
        }
        return out;
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
        List<double[]> contexts = new ArrayList<>();
        for (Item it : items) {
            contexts.add(Arrays.copyOfRange(it.values(), 0, CONTEXT));
        }
        double[][][] quantiles = forecast(model, layout, contexts);
        int low = 0;
        int high = Metrics.WQL_LEVELS.length - 1;
        double logRatio = 0;
        double[] ratios = new double[items.size()];
        double logSeasonal = 0;
        int seasonalCount = 0;
        int inside = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            double r = relativeMae(it.values(), quantiles[i][MEDIAN], it.period());
            ratios[i] = r;
            logRatio += Math.log(r);
            if (it.source().equals("seasonal")) {
                logSeasonal += Math.log(r);
                seasonalCount++;
            }
            for (int k = 0; k < HORIZON; k++) {
                double y = it.values()[CONTEXT + k];
                inside += y >= quantiles[i][low][k] && y <= quantiles[i][high][k] ? 1 : 0;
            }
        }
        ItemScores scores = new ItemScores(ratios, ItemScores.Aggregate.GEOMETRIC_MEAN);
        double score = scores.score();
        Path png = context.outDir().resolve(name() + ".png");
        Item it = items.get(0);
        TaskPlots.write(png, name() + ": held-out series 1 (period " + it.period() + ")",
                String.format(Locale.ROOT, "relative MASE over %d series %.3f", items.size(), score), List.of(
                        new TaskPlots.Line("context", 0, Arrays.copyOfRange(it.values(), 0, CONTEXT)),
                        new TaskPlots.Line("actual", CONTEXT, Arrays.copyOfRange(it.values(), CONTEXT, CONTEXT + HORIZON)),
                        new TaskPlots.Line("forecast (median)", CONTEXT, quantiles[0][MEDIAN]),
                        new TaskPlots.Line("10% quantile", CONTEXT, quantiles[0][low]),
                        new TaskPlots.Line("90% quantile", CONTEXT, quantiles[0][high])));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", items.size());
        details.put("representation", PATCH_LENGTH + "-value patches in, " + Metrics.WQL_LEVELS.length
                + " quantiles of " + HORIZON + " values out");
        details.put("relative_mase_seasonal", seasonalCount == 0 ? Double.NaN : Math.exp(logSeasonal / seasonalCount));
        details.put("relative_mase_kernelsynth", items.size() == seasonalCount ? Double.NaN
                : Math.exp((logRatio - logSeasonal) / (items.size() - seasonalCount)));
        details.put("interval_10_90_coverage", inside / (double) (items.size() * HORIZON));
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
        return TaskScore.of("relative_mase", false, scores, details, files);
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
