package dev.tessera.timeseries.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code hinted_forecast}: {@code BOS, BEGIN:text, "seasonal period P", END:text, BEGIN:series_patch,
 * 4 patches (32 values)}, read like {@link SeriesForecastTask}: the patches go through the shared
 * adapter and this task's own quantile head and linear path ({@link PatchSequences#HINTED_FORECAST}) read
 * the last position and the context and forecast the next 24 values; the loss is their pinball loss. The
 * context is short (2.7 to 8 periods of {@link #PERIODS}) and often noisy, so the hint carries information
 * the context alone gives only roughly.
 *
 * <p>Evaluation forecasts every held-out series twice, with its true hint and with a wrong one (a
 * different period). The score is the relative MASE with the true hint (geometric mean of the
 * median forecast's MAE over seasonal naive's with the true period; lower is better). The details show
 * whether the hint is used in the right direction: {@code relative_mase_wrong_hint} (expected to be
 * higher), {@code hint_effect} = wrong over true (above 1 when the true hint helps), and
 * {@code follows_hint}, the fraction of wrong-hint forecasts closer to the noise-free signal with
 * the hinted period than to the one with the true period.
 */
public final class HintedForecastTask extends PatchTask {
    /** Context values. */
    public static final int CONTEXT = 32;
    /** Forecast values. */
    public static final int HORIZON = PatchSequences.HORIZON;
    private static final int PATCHES = CONTEXT / PatchSequences.PATCH_LENGTH;
    /** The periods of the series (and hints). */
    static final int[] PERIODS = {4, 5, 6, 7, 8, 9, 10, 12};
    /** The longest hint in bytes. */
    static final int MAX_HINT = 18;
    private static final long EVAL_SALT = 0x41a7L;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(PERIODS);

    /** Creates the task (60 evaluation series when quick, 200 otherwise). */
    public HintedForecastTask() {
        this(0);
    }

    /**
     * Creates the task with another evaluation size (for tests).
     *
     * @param evalSeries the number of held-out series, or 0 for the default
     */
    HintedForecastTask(int evalSeries) {
        super("hinted_forecast", evalSeries, 60, 200, true);
    }

    @Override
    public int maxLength() {
        return 1 + (MAX_HINT + 2) + (1 + PATCHES);
    }

    /**
     * The hint text of a period.
     *
     * @param period the period
     * @return e.g. {@code "seasonal period 7"}
     */
    public static String hint(int period) {
        return "seasonal period " + period;
    }

    /** {@code BOS, hint, BEGIN:series_patch, patches} of row {@code i} of encoded contexts. */
    private static PatchSequences.Row row(VocabularyLayout layout, String hint, PatchForecastModel.Encoded enc, int i) {
        return new PatchSequences.Row(layout).text(hint).patches(enc, i, PATCHES);
    }

    private static PatchForecastModel.Encoded encode(List<double[]> contexts) {
        return PatchForecastModel.encode(contexts, PatchSequences.PATCH_LENGTH, PATCHES);
    }

    /** The token view of one example (no token loss: the loss is on the forecast). */
    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
        int[] ids = row(layout, hint(s.traits().period()), encode(List.of(Arrays.copyOf(s.values(), CONTEXT))), 0).ids();
        return new TaskExample(ids, new float[ids.length - 1]);
    }

    @Override
    public NDArray loss(DecoderModel model, VocabularyLayout layout, int examples, SplittableRandom rng,
            NDManager manager) {
        List<SeasonalSeries> series = new ArrayList<>(examples);
        List<double[]> contexts = new ArrayList<>(examples);
        List<double[]> futures = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
            series.add(s);
            contexts.add(Arrays.copyOfRange(s.values(), 0, CONTEXT));
            futures.add(Arrays.copyOfRange(s.values(), CONTEXT, CONTEXT + HORIZON));
        }
        PatchForecastModel.Encoded enc = encode(contexts);
        List<PatchSequences.Row> rows = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            rows.add(row(layout, hint(series.get(i).traits().period()), enc, i));
        }
        NDArray q = PatchSequences.quantiles(model, layout, rows, PatchSequences.HINTED_FORECAST, manager);
        return PatchSequences.pinball(q, enc, futures, manager);
    }

    /**
     * Median forecasts of contexts, each with its hint.
     *
     * @param model a model trained with this task
     * @param layout its layout
     * @param hints one hint per context
     * @param contexts {@link #CONTEXT} values each
     * @return one forecast of {@link #HORIZON} values per context
     */
    static List<double[]> forecast(DecoderModel model, VocabularyLayout layout, List<String> hints,
            List<double[]> contexts) {
        PatchSequences.requireLayers(model, "hinted_forecast", PatchSequences.HINTED_FORECAST);
        double[][][] q = PatchSequences.forecast(model, layout, contexts, PATCHES, PatchSequences.HINTED_FORECAST,
                (enc, from) -> {
                    List<PatchSequences.Row> rows = new ArrayList<>(enc.batch());
                    for (int i = 0; i < enc.batch(); i++) {
                        rows.add(row(layout, hints.get(from + i), enc, i));
                    }
                    return rows;
                });
        List<double[]> out = new ArrayList<>(q.length);
        for (double[][] levels : q) {
            out.add(levels[PatchSequences.MEDIAN]);
        }
        return out;
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        int n = evalCount(context.quick());
        SplittableRandom rng = new SplittableRandom(context.seed() ^ EVAL_SALT);
        List<SeasonalSeries> items = new ArrayList<>();
        int[] wrong = new int[n];
        List<String> hints = new ArrayList<>();
        List<double[]> contexts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
            items.add(s);
            int w;
            do {
                w = PERIODS[rng.nextInt(PERIODS.length)];
            } while (w == s.traits().period());
            wrong[i] = w;
            double[] ctx = Arrays.copyOfRange(s.values(), 0, CONTEXT);
            hints.add(hint(s.traits().period()));
            contexts.add(ctx);
            hints.add(hint(w));
            contexts.add(ctx);
        }
        List<double[]> out = forecast(model, layout, hints, contexts);
        double logTrue = 0;
        double[] ratios = new double[n];
        double logWrong = 0;
        int follows = 0;
        double[][] firstForecasts = new double[2][];
        for (int i = 0; i < n; i++) {
            SeasonalSeries s = items.get(i);
            double[] v = s.values();
            double[] fTrue = out.get(2 * i);
            double[] fWrong = out.get(2 * i + 1);
            double naive = naiveMae(v, s.traits().period());
            ratios[i] = Math.max(mae(fTrue, v, CONTEXT) / naive, 1e-6);
            logTrue += Math.log(ratios[i]);
            logWrong += Math.log(Math.max(mae(fWrong, v, CONTEXT) / naive, 1e-6));
            int total = CONTEXT + HORIZON;
            double[] sigWrong = Arrays.copyOfRange(s.signal(wrong[i], total, total), CONTEXT, total);
            double[] sigTrue = Arrays.copyOfRange(s.signal(s.traits().period(), total, total), CONTEXT, total);
            if (mae(fWrong, sigWrong, 0) < mae(fWrong, sigTrue, 0)) {
                follows++;
            }
            if (i == 0) {
                firstForecasts[0] = fTrue;
                firstForecasts[1] = fWrong;
            }
        }
        ItemScores scores = new ItemScores(ratios, ItemScores.Aggregate.GEOMETRIC_MEAN);
        double relTrue = scores.score();
        double relWrong = Math.exp(logWrong / n);
        SeasonalSeries first = items.get(0);
        double[] fv = first.values();
        Path png = context.outDir().resolve(name() + ".png");
        TaskPlots.write(png, name() + ": held-out series 1 (true period " + first.traits().period() + ")",
                String.format(Locale.ROOT, "relative MASE true hint %.3f, wrong hint %.3f over %d series", relTrue,
                        relWrong, n), List.of(
                        new TaskPlots.Line("context", 0, Arrays.copyOfRange(fv, 0, CONTEXT)),
                        new TaskPlots.Line("actual", CONTEXT, Arrays.copyOfRange(fv, CONTEXT, CONTEXT + HORIZON)),
                        new TaskPlots.Line("forecast, hint \"" + hint(first.traits().period()) + "\"", CONTEXT,
                                firstForecasts[0]),
                        new TaskPlots.Line("forecast, hint \"" + hint(wrong[0]) + "\"", CONTEXT, firstForecasts[1])));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", n);
        details.put("relative_mase_wrong_hint", relWrong);
        details.put("hint_effect", relWrong / relTrue);
        details.put("follows_hint", (double) follows / n);
        return TaskScore.of("relative_mase", false, scores, details, List.of(png.getFileName().toString()));
    }

    /** MAE of a forecast against {@code truth[from..from+HORIZON)}. */
    static double mae(double[] forecast, double[] truth, int from) {
        double s = 0;
        for (int t = 0; t < HORIZON; t++) {
            s += Math.abs(forecast[t] - truth[from + t]);
        }
        return s / HORIZON;
    }

    /** MAE of seasonal naive with the period on the horizon (never 0: floored at 1e-9). */
    static double naiveMae(double[] v, int period) {
        double s = 0;
        for (int t = 0; t < HORIZON; t++) {
            s += Math.abs(v[CONTEXT - period + (t % period)] - v[CONTEXT + t]);
        }
        return Math.max(s / HORIZON, 1e-9);
    }
}
