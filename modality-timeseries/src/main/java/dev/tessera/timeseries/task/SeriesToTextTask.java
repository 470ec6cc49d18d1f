package dev.tessera.timeseries.task;

import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code series_to_text}: {@code BOS, BEGIN:series, series (96 ids), END:series, BEGIN:text,
 * description, END:text, EOS}, where the description of a {@link SeasonalSeriesGenerator} series is
 * its {@link SeriesTraits#describe()} (e.g. {@code "rising trend, period 12, high noise"}); the
 * loss is on the text segment. The score is the fraction of held-out series whose greedy
 * description parses and matches all three known traits (higher is better); the details give
 * the accuracy of each trait.
 */
public final class SeriesToTextTask implements Task {
    /** Series values. */
    public static final int LENGTH = 96;
    /** The longest description in bytes ("falling trend, period 12, high noise" is 36). */
    static final int MAX_TEXT = 40;
    private static final long EVAL_SALT = 0x7e47L;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(SeriesForecastTask.PERIODS);

    private final int evalSeries;

    /** Creates the task (60 evaluation series when quick, 200 otherwise). */
    public SeriesToTextTask() {
        this(0);
    }

    /**
     * Creates the task with another evaluation size (for tests).
     *
     * @param evalSeries the number of held-out series, or 0 for the default
     */
    SeriesToTextTask(int evalSeries) {
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
        return "series_to_text";
    }

    @Override
    public Map<String, Integer> vocabularies() {
        return Map.of(SeriesTokens.SERIES, SeriesTokens.SERIES_VOCABULARY, SeriesTokens.TEXT,
                SeriesTokens.TEXT_VOCABULARY);
    }

    @Override
    public int maxLength() {
        return 1 + (LENGTH + 2) + (MAX_TEXT + 2) + 1;
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        return example(layout, generator.draw(LENGTH, rng));
    }

    static int[] prompt(VocabularyLayout layout, double[] v) {
        return new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(v, SeriesTokens.scale(v)))
                .open(SeriesTokens.TEXT).prompt();
    }

    static TaskExample example(VocabularyLayout layout, SeasonalSeries s) {
        double[] v = s.values();
        int answerFrom = prompt(layout, v).length;
        int[] ids = new SeriesTokens.Builder(layout)
                .segment(SeriesTokens.SERIES, SeriesTokens.encode(v, SeriesTokens.scale(v)))
                .segment(SeriesTokens.TEXT, SeriesTokens.text(s.traits().describe()))
                .finish();
        return TaskExample.lossFrom(ids, answerFrom - 1);
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        int n = evalCount(context.quick());
        SplittableRandom rng = new SplittableRandom(context.seed() ^ EVAL_SALT);
        List<SeasonalSeries> items = new ArrayList<>();
        List<int[]> prompts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SeasonalSeries s = generator.draw(LENGTH, rng);
            items.add(s);
            prompts.add(prompt(layout, s.values()));
        }
        List<String> texts = TaskGeneration.text(model, layout, prompts, MAX_TEXT);
        int all = 0;
        int trend = 0;
        int period = 0;
        int noise = 0;
        int parsed = 0;
        for (int i = 0; i < n; i++) {
            SeriesTraits truth = items.get(i).traits();
            Optional<SeriesTraits> got = SeriesTraits.parse(texts.get(i));
            if (got.isEmpty()) {
                continue;
            }
            parsed++;
            SeriesTraits g = got.get();
            trend += g.trend() == truth.trend() ? 1 : 0;
            period += g.period() == truth.period() ? 1 : 0;
            noise += g.noise() == truth.noise() ? 1 : 0;
            all += g.equals(truth) ? 1 : 0;
        }
        double score = (double) all / n;
        Path png = context.outDir().resolve(name() + ".png");
        SeasonalSeries first = items.get(0);
        TaskPlots.write(png, name() + ": held-out series 1", "generated: \"" + texts.get(0) + "\"   true: \""
                + first.traits().describe() + "\"", List.of(new TaskPlots.Line("series", 0, first.values())));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", n);
        details.put("parsed", (double) parsed / n);
        details.put("trend_accuracy", (double) trend / n);
        details.put("period_accuracy", (double) period / n);
        details.put("noise_accuracy", (double) noise / n);
        details.put("example", String.format(Locale.ROOT, "%s -> %s", first.traits().describe(), texts.get(0)));
        return new TaskScore("exact_match", score, true, details, List.of(png.getFileName().toString()));
    }
}
