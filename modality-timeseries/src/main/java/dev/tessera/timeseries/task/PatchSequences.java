package dev.tessera.timeseries.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.text.modality.ByteText;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.PatchForecastModel;
import dev.tessera.timeseries.forecast.PatchLayers;
import dev.tessera.timeseries.tokenize.PatchConfig;
import dev.tessera.timeseries.tokenize.PatchModality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sequences that mix token ids with series patches, as the joint backbone reads them. A patch
 * position's input is the embedding of its {@value #MODALITY} id (0 = patch, 1 = padding before a
 * short context) plus the modality's input adapter applied to its features ({@link PatchLayers}:
 * {@value #PATCH_LENGTH} normalised values and their observed flags); a token position's input is its
 * embedding alone. The three series tasks share the adapter (and the backbone), so what one learns about
 * reading series the others use; each forecasting task has its own {@link ForecastOutput}.
 */
final class PatchSequences {
    /** The patch modality: local id 0 = a patch, 1 = a padding patch. */
    static final String MODALITY = "series_patch";
    /** Values per patch. */
    static final int PATCH_LENGTH = 8;
    /** The modality object behind {@link #MODALITY}, saved in the bundles of models trained with these tasks. */
    static final SeriesPatchModality MODALITY_OBJECT = new SeriesPatchModality(new PatchModality(MODALITY,
            new PatchConfig(PATCH_LENGTH)));
    /** Values the quantile head forecasts. */
    static final int HORIZON = 24;
    /** The adapter and the context forecast's quantile head, parameters {@code series_patch.*} in the backbone. */
    static final PatchLayers LAYERS = new PatchLayers(MODALITY, PATCH_LENGTH, HORIZON, Metrics.WQL_LEVELS);
    /** The index of the 0.5 level. */
    static final int MEDIAN = Arrays.binarySearch(Metrics.WQL_LEVELS, 0.5);
    /** Normalised targets are clipped to this magnitude (a near-constant context has a tiny std). */
    static final float TARGET_LIMIT = 50f;
    private static final int FEATURES = 2 * PATCH_LENGTH;
    /** Context values the linear path reads (the last ones of a row's patches, zeros before a shorter context). */
    static final int LINEAR_INPUT = 96;

    /**
     * One forecasting output: a quantile head on the last position's hidden state plus a linear path,
     * {@code (HORIZON * Q, LINEAR_INPUT)}, from the last {@value #LINEAR_INPUT} normalised context values (zero
     * at first). Each forecasting task has its own: they read contexts of different lengths (96 values; 32 after
     * a hint), and with one shared head and linear path the joint model's 96-value forecast scored a relative
     * MASE of 0.551 where it scored 0.533 without the hinted task in the mixture (150 s joint runs).
     *
     * @param head the quantile head ({@link PatchLayers#predict})
     * @param linear the linear path's parameter name
     */
    record ForecastOutput(PatchLayers head, String linear) {
        /** Registers the head (unless it is {@link #LAYERS}', which {@link #addTo} registers) and the linear path. */
        void addTo(DecoderModel model, long seed) {
            if (head != LAYERS) {
                head.addHeadTo(model, seed);
            }
            try (NDManager tmp = NDManager.newBaseManager(model.manager().getDevice())) {
                model.parameterOrAdd(linear,
                        () -> tmp.zeros(new Shape(HORIZON * Metrics.WQL_LEVELS.length, LINEAR_INPUT)));
            }
        }
    }

    /** The 96-value forecast's output: the head of {@link #LAYERS} and {@code series_patch.linear.w}. */
    static final ForecastOutput CONTEXT_FORECAST = new ForecastOutput(LAYERS, MODALITY + ".linear.w");
    /** The hinted forecast's output: {@code series_patch.hinted.head.*} and {@code series_patch.hinted.linear.w}. */
    static final ForecastOutput HINTED_FORECAST = new ForecastOutput(
            new PatchLayers(MODALITY + ".hinted", PATCH_LENGTH, HORIZON, Metrics.WQL_LEVELS),
            MODALITY + ".hinted.linear.w");

    private PatchSequences() { }

    /**
     * Registers the adapter and both forecasting outputs in a backbone.
     *
     * @param model the backbone
     * @param seed the initialisation seed
     */
    static void addTo(DecoderModel model, long seed) {
        LAYERS.addTo(model, seed);
        CONTEXT_FORECAST.addTo(model, seed);
        HINTED_FORECAST.addTo(model, seed ^ 0x41a7L);
    }

    /**
     * Checks that a model has the adapter and, when given, a forecasting output.
     *
     * @param model the model
     * @param task the task that needs them (for the message)
     * @param output the output the task reads, or null
     * @throws IllegalArgumentException if it has not
     */
    static void requireLayers(DecoderModel model, String task, ForecastOutput output) {
        boolean ok = model.parameters().containsKey(MODALITY + ".adapter.w1")
                && (output == null || model.parameters().containsKey(output.linear()));
        if (!ok) {
            throw new IllegalArgumentException("the model has no " + MODALITY + " adapter and output, which " + task
                    + " needs: it was not trained with a series patch task (CustomLossTask.addParameters)");
        }
    }

    /** One sequence: global ids and, at patch positions, their features. Starts with BOS. */
    static final class Row {
        private final VocabularyLayout layout;
        private int[] ids = new int[32];
        private float[][] features = new float[32][];
        private int n;

        Row(VocabularyLayout layout) {
            this.layout = layout;
            token(layout.bos());
        }

        /** Appends one global id. */
        Row token(int id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
                features = Arrays.copyOf(features, 2 * n);
            }
            ids[n++] = id;
            return this;
        }

        /** Appends {@code BEGIN:text, bytes, END:text}. */
        Row text(String text) {
            token(layout.begin(ByteText.NAME));
            for (int b : ByteText.encode(text)) {
                token(layout.toGlobal(ByteText.NAME, b));
            }
            return token(layout.end(ByteText.NAME));
        }

        /** Appends {@code BEGIN:series_patch} and the patches of row {@code i} of an encoded batch. */
        Row patches(PatchForecastModel.Encoded enc, int i, int patches) {
            token(layout.begin(MODALITY));
            for (int j = 0; j < patches; j++) {
                token(layout.toGlobal(MODALITY, enc.ids()[i * patches + j]));
                features[n - 1] = Arrays.copyOfRange(enc.features(), (i * patches + j) * FEATURES,
                        (i * patches + j + 1) * FEATURES);
            }
            return this;
        }

        /** @return a copy without the last position (the inputs of a next-token loss) */
        Row withoutLast() {
            Row r = new Row(layout);
            r.ids = Arrays.copyOf(ids, n - 1);
            r.features = Arrays.copyOf(features, n - 1);
            r.n = n - 1;
            return r;
        }

        /** @return the ids so far */
        int[] ids() {
            return Arrays.copyOf(ids, n);
        }

        /** @return the number of positions */
        int length() {
            return n;
        }
    }

    /**
     * Runs the backbone over rows, each padded at its end with EOS to the longest (causal attention:
     * padding changes no earlier position).
     *
     * @param model the backbone with the adapter
     * @param layout the layout
     * @param rows the sequences
     * @param manager where the inputs are created
     * @return hidden states {@code (rows, longest, dModel)}
     */
    static NDArray hidden(DecoderModel model, VocabularyLayout layout, List<Row> rows, NDManager manager) {
        int b = rows.size();
        int t = rows.stream().mapToInt(Row::length).max().orElseThrow();
        int[] ids = new int[b * t];
        float[] x = new float[b * t * FEATURES];
        float[] gate = new float[b * t];
        Arrays.fill(ids, layout.eos());
        for (int i = 0; i < b; i++) {
            Row r = rows.get(i);
            System.arraycopy(r.ids, 0, ids, i * t, r.n);
            for (int j = 0; j < r.n; j++) {
                if (r.features[j] != null) {
                    System.arraycopy(r.features[j], 0, x, (i * t + j) * FEATURES, FEATURES);
                    gate[i * t + j] = 1f;
                }
            }
        }
        NDArray adapted = LAYERS.adapt(model, NativeArrays.floats(manager, x, new Shape(b, t, FEATURES)))
                .mul(NativeArrays.floats(manager, gate, new Shape(b, t, 1)));
        NDArray e = model.embed(NativeArrays.ints(manager, ids, new Shape(b, t))).add(adapted);
        return model.forwardEmbeddings(e, null, null);
    }

    /**
     * The hidden state at each row's last position.
     *
     * @param hidden {@code (B, T, d)} from {@link #hidden}
     * @param rows the rows
     * @param manager where the selection is created
     * @return {@code (B, d)}
     */
    static NDArray last(NDArray hidden, List<Row> rows, NDManager manager) {
        int b = rows.size();
        int t = (int) hidden.getShape().get(1);
        float[] pick = new float[b * t];
        for (int i = 0; i < b; i++) {
            pick[i * t + rows.get(i).length() - 1] = 1f;
        }
        return hidden.mul(NativeArrays.floats(manager, pick, new Shape(b, t, 1))).sum(new int[] {1});
    }

    /**
     * Normalised quantile forecasts of rows that end with patches: an output's quantile head on the last
     * position's hidden state plus its linear path from the row's last {@value #LINEAR_INPUT} normalised context
     * values (a DLinear-style skip: a seasonal pattern one period back is one weight per lag for it, while the
     * backbone learns what a linear map cannot).
     *
     * @return {@code (B, HORIZON, Q)}
     */
    static NDArray quantiles(DecoderModel model, VocabularyLayout layout, List<Row> rows, ForecastOutput output,
            NDManager manager) {
        int b = rows.size();
        float[] values = new float[b * LINEAR_INPUT];
        for (int i = 0; i < b; i++) {
            Row r = rows.get(i);
            int k = LINEAR_INPUT;
            for (int j = r.n - 1; j >= 0 && k > 0; j--) {
                if (r.features[j] == null) {
                    continue;
                }
                for (int v = PATCH_LENGTH - 1; v >= 0 && k > 0; v--) {
                    values[i * LINEAR_INPUT + --k] = r.features[j][v];
                }
            }
        }
        NDArray x = NativeArrays.floats(manager, values, new Shape(b, LINEAR_INPUT));
        NDArray linear = x.getNDArrayInternal().linear(x, model.parameter(output.linear()), null).singletonOrThrow();
        NDArray head = output.head().predict(model, last(hidden(model, layout, rows, manager), rows, manager));
        return head.add(linear.reshape(head.getShape()));
    }

    /** Builds the rows of one inference batch. */
    interface BatchRows {
        /**
         * @param enc the batch's encoded contexts
         * @param from the index of the batch's first context among all contexts
         * @return one row per context of the batch
         */
        List<Row> rows(PatchForecastModel.Encoded enc, int from);
    }

    /**
     * Denormalised quantile forecasts of contexts through an output, in inference batches of
     * {@value #INFERENCE_BATCH}, each batch's arrays in a scope closed after it.
     *
     * @param model a model with the adapter and the output
     * @param layout its layout
     * @param contexts the histories (the last {@code patches * PATCH_LENGTH} values of each are read)
     * @param patches patches per context
     * @param output the forecasting output to read
     * @param rows builds each batch's rows from its encoded contexts
     * @return per context, per level, the {@value #HORIZON} values
     */
    static double[][][] forecast(DecoderModel model, VocabularyLayout layout, List<double[]> contexts, int patches,
            ForecastOutput output, BatchRows rows) {
        double[][][] out = new double[contexts.size()][][];
        for (int[] c : chunks(contexts.size())) {
            PatchForecastModel.Encoded enc = PatchForecastModel.encode(contexts.subList(c[0], c[1]), PATCH_LENGTH,
                    patches);
            try (NDManager scope = model.manager().newSubManager()) {
                float[] z = quantiles(model, layout, rows.rows(enc, c[0]), output, scope).toFloatArray();
                System.arraycopy(denormalise(z, enc), 0, out, c[0], enc.batch());
            }
        }
        return out;
    }

    /**
     * The pinball loss of quantile forecasts against future values, in each context's normalised units.
     *
     * @param predicted {@code (B, HORIZON, Q)}
     * @param enc the encoded contexts (their normalisations)
     * @param futures the next {@value #HORIZON} values of each context
     * @param manager where the targets are created
     * @return a scalar
     */
    static NDArray pinball(NDArray predicted, PatchForecastModel.Encoded enc, List<double[]> futures,
            NDManager manager) {
        int b = futures.size();
        float[] y = new float[b * HORIZON];
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < HORIZON; k++) {
                double z = enc.norms()[i].normalize(futures.get(i)[k]);
                y[i * HORIZON + k] = (float) Math.max(-TARGET_LIMIT, Math.min(TARGET_LIMIT, z));
            }
        }
        NDArray target = NativeArrays.floats(manager, y, new Shape(b, HORIZON));
        return LAYERS.pinballLoss(predicted, target, manager.ones(target.getShape()));
    }

    /**
     * Denormalises quantile forecasts.
     *
     * @param normalised {@code (B * HORIZON * Q)} values, row-major
     * @param enc the contexts' normalisations
     * @return per row, per level, the values
     */
    static double[][][] denormalise(float[] normalised, PatchForecastModel.Encoded enc) {
        int q = Metrics.WQL_LEVELS.length;
        double[][][] out = new double[enc.batch()][q][HORIZON];
        for (int i = 0; i < enc.batch(); i++) {
            for (int k = 0; k < HORIZON; k++) {
                for (int l = 0; l < q; l++) {
                    out[i][l][k] = enc.norms()[i].denormalize(normalised[(i * HORIZON + k) * q + l]);
                }
            }
        }
        return out;
    }

    /** Sequences per inference batch. */
    static final int INFERENCE_BATCH = 64;

    /** Splits {@code 0..n} into inference batches: {@code {from, to}} of each. */
    static List<int[]> chunks(int n) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < n; from += INFERENCE_BATCH) {
            out.add(new int[] {from, Math.min(n, from + INFERENCE_BATCH)});
        }
        return out;
    }
}
