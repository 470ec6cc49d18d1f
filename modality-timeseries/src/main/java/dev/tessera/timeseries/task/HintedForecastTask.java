package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code hinted_forecast}: {@code BOS, BEGIN:text, "seasonal period P", END:text, BEGIN:series,
 * context (32 ids), END:series, BEGIN:series, horizon (24 ids), END:series, EOS}, loss on every
 * series value after the first (the context's values are one-step forecasts too, given the hint) and
 * the framing after them. The context is short (2.7 to 8 periods of {@link #PERIODS}) and often noisy, so the hint
 * carries information the context alone gives only roughly.
 *
 * <p>Evaluation forecasts every held-out series twice, with its true hint and with a wrong one (a
 * different period). The score is the relative MASE with the true hint (geometric mean of the
 * forecast's MAE over seasonal naive's with the true period; lower is better). The details show
 * whether the hint is used in the right direction: {@code relative_mase_wrong_hint} (expected to be
 * higher), {@code hint_effect} = wrong over true (above 1 when the true hint helps), and
 * {@code follows_hint}, the fraction of wrong-hint forecasts closer to the noise-free signal with
 * the hinted period than to the one with the true period.
 */
public final class HintedForecastTask implements Task {
    /** Context values. */
    public static final int CONTEXT = 32;
    /** Forecast values. */
    public static final int HORIZON = 24;
    /** The periods of the series (and hints). */
    static final int[] PERIODS = {4, 5, 6, 7, 8, 9, 10, 12};
    /** The longest hint in bytes. */
    static final int MAX_HINT = 18;
    private static final long EVAL_SALT = 0x41a7L;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(PERIODS);

    private final int evalSeries;

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
        if (evalSeries < 0) {
            throw new IllegalArgumentException("evalSeries (" + evalSeries + ") must be >= 0");
        }
        this.evalSeries = evalSeries;
    }

    private int evalCount(boolean quick) {
        return evalSeries > 0 ? evalSeries : quick ? 60 : 200;
    }

    @Override
    public String name() {
        return "hinted_forecast";
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return Map.of(SeriesTokens.SERIES, SeriesTokens.SERIES_VOCABULARY, SeriesTokens.TEXT,
                SeriesTokens.TEXT_VOCABULARY);
    }

    @Override
    public int maxLength() {
        return 1 + (MAX_HINT + 2) + (CONTEXT + 2) + (HORIZON + 2) + 1;
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

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
        double[] v = s.values();
        double[] ctx = Arrays.copyOfRange(v, 0, CONTEXT);
        double scale = SeriesTokens.scale(ctx);
        int firstValue = new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.TEXT, SeriesTokens.text(hint(s.traits().period())))
                .open(SeriesTokens.SERIES).length();
        int[] ids = new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.TEXT, SeriesTokens.text(hint(s.traits().period())))
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(ctx, scale))
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(Arrays.copyOfRange(v, CONTEXT, CONTEXT + HORIZON), scale))
                .finish();
        return TaskExample.lossFrom(ids, firstValue);
    }

    static int[] prompt(VocabularyLayout layout, String hint, double[] ctx) {
        return new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.TEXT, SeriesTokens.text(hint))
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(ctx, SeriesTokens.scale(ctx)))
                .open(SeriesTokens.SERIES).prompt();
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        int n = evalCount(context.quick());
        SplittableRandom rng = new SplittableRandom(context.seed() ^ EVAL_SALT);
        List<SeasonalSeries> items = new ArrayList<>();
        int[] wrong = new int[n];
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SeasonalSeries s = generator.draw(CONTEXT + HORIZON, rng);
            items.add(s);
            int w;
            do {
                w = PERIODS[rng.nextInt(PERIODS.length)];
            } while (w == s.traits().period());
            wrong[i] = w;
            double[] ctx = Arrays.copyOfRange(s.values(), 0, CONTEXT);
            prompts.add(prompt(layout, hint(s.traits().period()), ctx));
            prompts.add(prompt(layout, hint(w), ctx));
        }
        List<int[]> out = TaskGeneration.series(model, layout, prompts, HORIZON);
        double logTrue = 0;
        double logWrong = 0;
        int follows = 0;
        double[][] firstForecasts = new double[2][];
        for (int i = 0; i < n; i++) {
            SeasonalSeries s = items.get(i);
            double[] v = s.values();
            double scale = SeriesTokens.scale(Arrays.copyOfRange(v, 0, CONTEXT));
            double[] fTrue = SeriesTokens.decode(out.get(2 * i), scale);
            double[] fWrong = SeriesTokens.decode(out.get(2 * i + 1), scale);
            double naive = naiveMae(v, s.traits().period());
            logTrue += Math.log(Math.max(mae(fTrue, v, CONTEXT) / naive, 1e-6));
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
        double relTrue = Math.exp(logTrue / n);
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
        return new TaskScore("relative_mase", relTrue, false, details, List.of(png.getFileName().toString()));
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
