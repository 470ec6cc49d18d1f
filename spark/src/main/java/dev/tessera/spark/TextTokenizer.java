package dev.tessera.spark;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.modality.Modality;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.SurrogatePolicy;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Encodes a text column to token ids ({@code array<int>}) with one of three tokenizers, loaded once per
 * executor JVM: GPT-2's files ({@code vocabulary = "gpt2"}, {@code bundlePath} = the folder with
 * {@code encoder.json} and {@code vocab.bpe}), a Hugging Face {@code tokenizer.json} with a byte-level BPE
 * model ({@code "tokenizer-json"}, {@code bundlePath} = the file), or the text modality of a
 * {@code .tessera} bundle ({@code "bundle"}; {@code modality} names it when the bundle has several).
 * The ids equal {@link #encoder}'s for the same text, bit for bit; bundle ids are the modality's local ids.
 *
 * <p>Bad rows: a null text, a special token with {@code specialTokens = "reject"}, or a lone surrogate give
 * a per-row error (or fail the job with {@code onError = "fail"}). A bundle without the named (or any) text
 * modality fails the job, naming the modalities it has.
 */
public final class TextTokenizer extends TesseraStage {
    private static final long serialVersionUID = 1L;
    /** Vocabulary kinds. */
    public static final String GPT2 = "gpt2";
    /** A Hugging Face tokenizer.json (byte-level BPE). */
    public static final String TOKENIZER_JSON = "tokenizer-json";
    /** The text modality of a Tessera bundle. */
    public static final String BUNDLE = "bundle";

    private final Param<String> vocabulary;
    private final Param<String> modality;
    private final Param<String> specialTokens;
    private final Param<String> textCol;
    private final Param<String> idsCol;

    /** A stage with a random uid. */
    public TextTokenizer() {
        this(Identifiable$.MODULE$.randomUID("tesseraTextTokenizer"));
    }

    /**
     * A stage with a given uid (used by the reader).
     *
     * @param uid the uid
     */
    public TextTokenizer(String uid) {
        super(uid);
        vocabulary = new Param<>(this, "vocabulary", "gpt2 (bundlePath = folder), tokenizer-json (bundlePath = file) "
                + "or bundle (bundlePath = .tessera)", ParamValidators.inArray(new String[] {GPT2, TOKENIZER_JSON, BUNDLE}));
        modality = new Param<>(this, "modality", "the bundle's text modality ('' = its only text modality)");
        specialTokens = new Param<>(this, "specialTokens", "special tokens in the text: reject, allow or text (gpt2 "
                + "and tokenizer-json)", ParamValidators.inArray(new String[] {"reject", "allow", "text"}));
        textCol = new Param<>(this, "textCol", "input string column");
        idsCol = new Param<>(this, "idsCol", "output array<int> column");
        setDefault(vocabulary, GPT2);
        setDefault(modality, "");
        setDefault(specialTokens, "reject");
        setDefault(textCol, "text");
        setDefault(idsCol, "ids");
    }

    /** @return the reader used by {@code PipelineModel.load} */
    public static MLReader<TextTokenizer> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved stage.
     *
     * @param path the folder
     * @return the stage
     */
    public static TextTokenizer load(String path) {
        return read().load(path);
    }

    /** @return the vocabulary kind */
    public Param<String> vocabulary() {
        return vocabulary;
    }

    /** @return the bundle modality */
    public Param<String> modality() {
        return modality;
    }

    /** @return the special-token policy */
    public Param<String> specialTokens() {
        return specialTokens;
    }

    /** @return the input column */
    public Param<String> textCol() {
        return textCol;
    }

    /** @return the output column */
    public Param<String> idsCol() {
        return idsCol;
    }

    /**
     * Sets a param.
     *
     * @param p the param
     * @param value its value
     * @param <T> its type
     * @return this stage
     */
    public <T> TextTokenizer with(Param<T> p, T value) {
        set(p, value);
        return this;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getOrDefault(textCol), DataTypes.StringType);
        return withOutputs(schema, DataTypes.createStructField(getOrDefault(idsCol),
                DataTypes.createArrayType(DataTypes.IntegerType, false), true));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        Job job = new Job(source(), getOrDefault(vocabulary), getOrDefault(modality), getOrDefault(specialTokens),
                failOnError(), dataset.schema().fieldIndex(getOrDefault(textCol)));
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) job::run, Encoders.row(out));
    }

    /**
     * The encode function of a tokenizer, loaded once per JVM (the single-JVM API the stage runs).
     *
     * @param source the folder or file
     * @param kind {@link #GPT2}, {@link #TOKENIZER_JSON} or {@link #BUNDLE}
     * @param modality the bundle's text modality, or "" for its only one
     * @param special reject, allow or text
     * @return text to ids
     */
    public static Function<String, int[]> encoder(BundleSource source, String kind, String modality, String special) {
        if (BUNDLE.equals(kind)) {
            TesseraModel m = TextModelStage.model(source);
            Modality<String> text = textModality(m, modality, source);
            return s -> text.tokenizer().encode(s).tokens();
        }
        ByteLevelBpe bpe = ExecutorModels.get(kind, source, f -> load(kind, f));
        SpecialTokenPolicy policy = switch (special.toLowerCase(Locale.ROOT)) {
            case "allow" -> SpecialTokenPolicy.ALLOW;
            case "text" -> SpecialTokenPolicy.ENCODE_AS_TEXT;
            default -> SpecialTokenPolicy.REJECT;
        };
        return s -> bpe.encode(s, policy);
    }

    private static ByteLevelBpe load(String kind, Path f) throws IOException {
        return GPT2.equals(kind) ? Gpt2Vocabulary.load(f) : HfTokenizerJson.read(f, SurrogatePolicy.REJECT);
    }

    @SuppressWarnings("unchecked")
    static Modality<String> textModality(TesseraModel m, String name, BundleSource source) {
        List<String> texts = new ArrayList<>();
        m.modalities().forEach((n, mod) -> {
            if (mod.type() == String.class) {
                texts.add(n);
            }
        });
        String pick = name.isEmpty() && texts.size() == 1 ? texts.get(0) : name;
        Modality<?> mod = m.modalities().get(pick);
        if (mod == null || mod.type() != String.class) {
            throw new IllegalArgumentException("bundle " + source + " has no text modality '" + pick + "'; its "
                    + "modalities are " + m.modalities().keySet() + " (text: " + texts + ")");
        }
        return (Modality<String>) mod;
    }

    /** What a partition needs. */
    private record Job(BundleSource source, String kind, String modality, String special, boolean fail, int text)
            implements Serializable {
        Iterator<Row> run(Iterator<Row> rows) {
            Function<String, int[]> enc = encoder(source, kind, modality, special);
            return mapRows(rows, "text", text, fail, "TextTokenizer", r -> enc.apply(r.getString(text)));
        }
    }
}
