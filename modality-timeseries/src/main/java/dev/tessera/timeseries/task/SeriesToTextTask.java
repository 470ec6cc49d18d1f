package dev.tessera.timeseries.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.text.modality.ByteText;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * {@code series_to_text}: {@code BOS, BEGIN:series_patch, 12 patches, END:series_patch, BEGIN:text,
 * description, END:text}, where the series (96 values) is read as patches through the adapter the
 * forecasting tasks share ({@link PatchSequences}) and the description of a {@link SeasonalSeriesGenerator}
 * series is its {@link SeriesTraits#describe()} (e.g. {@code "rising trend, period 12, high noise"}); the
 * loss is the next-token loss of the description and {@code END:text}. The score is the fraction of
 * held-out series whose greedy description parses and matches all three known traits (higher is
 * better); the details give the accuracy of each trait.
 *
 * <p>The series were value tokens before: the joint model then described the period no better than
 * chance (0.18 for five periods, session-5 demo), reading a period from 96 separate value tokens being
 * hard for a small model; patches show the shape of each 8 values at once.
 */
public final class SeriesToTextTask extends PatchTask {
    /** Series values. */
    public static final int LENGTH = 96;
    /** The longest description in bytes ("falling trend, period 12, high noise" is 36). */
    static final int MAX_TEXT = 40;
    private static final int PATCHES = LENGTH / PatchSequences.PATCH_LENGTH;
    private static final long EVAL_SALT = 0x7e47L;
    private final SeasonalSeriesGenerator generator = new SeasonalSeriesGenerator(SeriesForecastTask.PERIODS);

    /**
     * Creates the task (60 evaluation series when quick, 600 otherwise: at an accuracy of 0.95 the standard error
     * is 0.9 points, small beside the 5% the joint demo compares against).
     */
    public SeriesToTextTask() {
        this(0);
    }

    /**
     * Creates the task with another evaluation size (for tests).
     *
     * @param evalSeries the number of held-out series, or 0 for the default
     */
    SeriesToTextTask(int evalSeries) {
        super("series_to_text", evalSeries, 60, 600, true);
    }

    @Override
    public int maxLength() {
        return 1 + (PATCHES + 2) + (MAX_TEXT + 2);
    }

    /** The prompt of a series: {@code BOS, BEGIN:series_patch, patches, END:series_patch, BEGIN:text}. */
    private static PatchSequences.Row prompt(VocabularyLayout layout, PatchForecastModel.Encoded enc, int i) {
        return new PatchSequences.Row(layout).patches(enc, i, PATCHES).token(layout.end(PatchSequences.MODALITY))
                .token(layout.begin(ByteText.NAME));
    }

    private static PatchForecastModel.Encoded encode(List<SeasonalSeries> series) {
        return PatchForecastModel.encode(series.stream().map(SeasonalSeries::values).toList(),
                PatchSequences.PATCH_LENGTH, PATCHES);
    }

    /** The full sequence of a series: its prompt, then the description's bytes and {@code END:text}. */
    private static PatchSequences.Row example(VocabularyLayout layout, PatchForecastModel.Encoded enc, int i,
            SeasonalSeries s) {
        PatchSequences.Row r = prompt(layout, enc, i);
        for (int b : ByteText.encode(s.traits().describe())) {
            r.token(layout.toGlobal(ByteText.NAME, b));
        }
        return r.token(layout.end(ByteText.NAME));
    }

    /** The token view of one example: the loss is on the description and {@code END:text}. */
    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        SeasonalSeries s = generator.draw(LENGTH, rng);
        int[] ids = example(layout, encode(List.of(s)), 0, s).ids();
        return TaskExample.lossFrom(ids, PATCHES + 3);
    }

    @Override
    public NDArray loss(DecoderModel model, VocabularyLayout layout, int examples, SplittableRandom rng,
            NDManager manager) {
        List<SeasonalSeries> series = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            series.add(generator.draw(LENGTH, rng));
        }
        PatchForecastModel.Encoded enc = encode(series);
        // the inputs are each sequence but its last id; the loss is on the answer (TokenLoss takes the states)
        List<TaskExample> full = new ArrayList<>(examples);
        List<PatchSequences.Row> cut = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            PatchSequences.Row r = example(layout, enc, i, series.get(i));
            full.add(TaskExample.lossFrom(r.ids(), PATCHES + 3));
            cut.add(r.withoutLast());
        }
        NDArray hidden = PatchSequences.hidden(model, layout, cut, manager);
        try (TokenLoss loss = new TokenLoss(layout, manager)) {
            return loss.loss(model, hidden, TaskExample.batch(full, 1, layout.eos()), manager);
        }
    }

    /**
     * Describes series greedily: each step the most likely id of the text head (bytes or
     * {@code END:text}), until {@code END:text} or {@link #MAX_TEXT} bytes.
     *
     * @return the texts
     */
    static List<String> describe(DecoderModel model, VocabularyLayout layout, List<SeasonalSeries> series) {
        PatchSequences.requireLayers(model, "series_to_text", null);
        int end = layout.end(ByteText.NAME);
        int[] head = layout.headIds(layout.headOfModality(ByteText.NAME));
        List<String> out = new ArrayList<>();
        for (int[] c : PatchSequences.chunks(series.size())) {
            List<SeasonalSeries> part = series.subList(c[0], c[1]);
            PatchForecastModel.Encoded enc = encode(part);
            List<PatchSequences.Row> rows = new ArrayList<>();
            for (int i = 0; i < part.size(); i++) {
                rows.add(prompt(layout, enc, i));
            }
            int[][] bytes = new int[part.size()][MAX_TEXT];
            int[] length = new int[part.size()];
            boolean[] done = new boolean[part.size()];
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray rowsOfHead = scope.create(head);
                for (int step = 0; step <= MAX_TEXT; step++) {
                    float[] logits;
                    try (NDManager s = scope.newSubManager()) {
                        NDArray last = PatchSequences.last(PatchSequences.hidden(model, layout, rows, s), rows, s);
                        logits = model.logits(last, rowsOfHead).toFloatArray();
                    }
                    boolean all = true;
                    for (int i = 0; i < part.size(); i++) {
                        int best = 0;
                        for (int k = 1; k < head.length; k++) {
                            best = logits[i * head.length + k] > logits[i * head.length + best] ? k : best;
                        }
                        int id = head[best];
                        rows.get(i).token(id);
                        if (!done[i]) {
                            if (id == end || length[i] == MAX_TEXT || !ByteText.NAME.equals(layout.modalityOf(id))) {
                                done[i] = true;
                            } else {
                                bytes[i][length[i]++] = layout.toLocal(ByteText.NAME, id);
                            }
                        }
                        all &= done[i];
                    }
                    if (all) {
                        break;
                    }
                }
            }
            for (int i = 0; i < part.size(); i++) {
                out.add(ByteText.decode(Arrays.copyOf(bytes[i], length[i])));
            }
        }
        return out;
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        int n = evalCount(context.quick());
        SplittableRandom rng = new SplittableRandom(context.seed() ^ EVAL_SALT);
        List<SeasonalSeries> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(generator.draw(LENGTH, rng));
        }
        List<String> texts = describe(model, layout, items);
        boolean[] all = new boolean[n];
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
            all[i] = g.equals(truth);
        }
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
        return TaskScore.of("exact_match", true, ItemScores.passes(all), details,
                List.of(png.getFileName().toString()));
    }
}
