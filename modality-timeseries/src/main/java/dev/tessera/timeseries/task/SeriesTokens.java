package dev.tessera.timeseries.task;

import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.timeseries.tokenize.MeanScale;
import dev.tessera.timeseries.tokenize.ScaleBinConfig;
import dev.tessera.timeseries.tokenize.ScaleBinDetokenizer;
import dev.tessera.timeseries.tokenize.ScaleBinTokenizer;
import java.util.Arrays;

/**
 * The token conventions shared by the time-series tasks: series are scale-and-bin tokens of the
 * modality {@value #SERIES} with {@link #BINS} (1023 value bins over [-10, 10] in units of the
 * context's mean absolute value, plus the missing-value id: 1024 local ids; an odd bin count puts
 * a bin centre on 0); text is the shared {@link dev.tessera.text.modality.ByteText}.
 */
public final class SeriesTokens {
    /** The series modality. */
    public static final String SERIES = "series";
    /** The bins of the series tokens. */
    public static final ScaleBinConfig BINS = new ScaleBinConfig(1023, -10, 10);
    /** Local ids of the series modality (bins plus the missing id). */
    public static final int SERIES_VOCABULARY = BINS.vocabularySize();

    private static final ScaleBinTokenizer TOKENIZER = new ScaleBinTokenizer(SERIES, BINS);
    private static final ScaleBinDetokenizer DETOKENIZER = new ScaleBinDetokenizer(SERIES, BINS);

    private SeriesTokens() { }

    /**
     * The scale of a context (its mean absolute value).
     *
     * @param context the values
     * @return the scale
     */
    public static double scale(double[] context) {
        return MeanScale.of(context);
    }

    /**
     * Quantises values with a scale.
     *
     * @param values the values
     * @param scale the scale
     * @return local series ids
     */
    public static int[] encode(double[] values, double scale) {
        return TOKENIZER.encodeValues(values, scale);
    }

    /**
     * Decodes local series ids (bin centres times the scale).
     *
     * @param ids local ids
     * @param scale the scale
     * @return the values
     */
    public static double[] decode(int[] ids, double scale) {
        return DETOKENIZER.decodeValues(ids, scale);
    }

    /**
     * Builds a framed sequence: {@code BOS, segments..., EOS}.
     */
    public static final class Builder {
        private final VocabularyLayout layout;
        private int[] ids = new int[64];
        private int n;

        /**
         * Starts a sequence with BOS.
         *
         * @param layout the framed layout
         */
        public Builder(VocabularyLayout layout) {
            this.layout = layout;
            add(layout.bos());
        }

        private void add(int id) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, 2 * n);
            }
            ids[n++] = id;
        }

        /**
         * Appends {@code BEGIN:m, ids..., END:m}.
         *
         * @param modality the modality
         * @param local local ids
         * @return this builder
         */
        public Builder segment(String modality, int[] local) {
            open(modality);
            for (int id : local) {
                add(layout.toGlobal(modality, id));
            }
            add(layout.end(modality));
            return this;
        }

        /**
         * Appends {@code BEGIN:m} only (a prompt that the model continues).
         *
         * @param modality the modality
         * @return this builder
         */
        public Builder open(String modality) {
            add(layout.begin(modality));
            return this;
        }

        /** @return the ids so far */
        public int length() {
            return n;
        }

        /** @return the ids so far */
        public int[] prompt() {
            return Arrays.copyOf(ids, n);
        }

        /** @return the ids with EOS appended */
        public int[] finish() {
            add(layout.eos());
            return Arrays.copyOf(ids, n);
        }
    }
}
