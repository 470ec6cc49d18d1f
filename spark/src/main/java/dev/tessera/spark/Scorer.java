package dev.tessera.spark;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores each row's text with a Tessera model: the log-likelihood, in nats, of the text's tokens given
 * the tokens before them ({@link #logLikelihood}), in a {@code double} column. A text longer than the
 * model's context, or empty, is a bad row.
 */
public final class Scorer extends TextModelStage {
    private static final long serialVersionUID = 1L;

    private final Param<String> modality;

    /** A stage with a random uid. */
    public Scorer() {
        this(Identifiable$.MODULE$.randomUID("tesseraScorer"));
    }

    /**
     * A stage with a given uid.
     *
     * @param uid the uid
     */
    public Scorer(String uid) {
        super(uid, "log_likelihood");
        modality = new Param<>(this, "modality", "the bundle's text modality ('' = its only one)");
        setDefault(modality, "");
    }

    /** @return the reader */
    public static MLReader<Scorer> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved stage.
     *
     * @param path the folder
     * @return the stage
     */
    public static Scorer load(String path) {
        return read().load(path);
    }

    /** @return the text modality param */
    public Param<String> modality() {
        return modality;
    }

    /**
     * Sets a param.
     *
     * @param p the param
     * @param value its value
     * @param <T> its type
     * @return this stage
     */
    public <T> Scorer with(Param<T> p, T value) {
        set(p, value);
        return this;
    }

    /**
     * The log-likelihood of a text: its ids as a continued text segment ({@link TokenSequence#continuation}),
     * and the sum over every id after the first of log p(id | the ids before it).
     *
     * @param model the model
     * @param text the text modality
     * @param value the text
     * @return the log-likelihood in nats
     * @throws IllegalArgumentException if the text is empty or longer than the model's context
     */
    public static double logLikelihood(TesseraModel model, Modality<String> text, String value) {
        Segment seg = text.tokenizer().encode(value);
        int[] ids = new TokenSequence(java.util.List.of(seg)).continuation(model.bundle().layout());
        DecoderModel m = model.bundle().model();
        if (ids.length < 2) {
            throw new IllegalArgumentException("text has no token to score (" + ids.length + " ids)");
        }
        if (ids.length > m.config().contextLength()) {
            throw new IllegalArgumentException("text has " + ids.length + " ids, over the model's context of "
                    + m.config().contextLength());
        }
        try (NDManager s = NDManager.newBaseManager()) {
            NDArray logits = m.logits(m.forward(s.create(ids, new Shape(1, ids.length)), null));
            float[] lp = logits.get(0).logSoftmax(-1).toFloatArray();
            int v = m.config().vocabSize();
            double total = 0;
            for (int t = 1; t < ids.length; t++) {
                total += lp[(t - 1) * v + ids[t]];
            }
            return total;
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getOrDefault(promptCol()), DataTypes.StringType);
        return withOutputs(schema, DataTypes.createStructField(getOrDefault(outputCol()), DataTypes.DoubleType, true));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Job job = new Job(source(), failOnError(), dataset.schema().fieldIndex(getOrDefault(promptCol())),
                getOrDefault(modality));
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) job::run, Encoders.row(out));
    }

    private record Job(BundleSource source, boolean fail, int prompt, String modality) implements Serializable {
        Iterator<Row> run(Iterator<Row> rows) {
            TesseraModel m = model(source);
            Modality<String> text = TextTokenizer.textModality(m, modality, source);
            return mapRows(rows, "prompt", prompt, fail, "Scorer", r -> logLikelihood(m, text, r.getString(prompt)));
        }
    }
}
