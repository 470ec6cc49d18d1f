package dev.tessera.spark;

import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
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
 * Continues each row's text prompt with a Tessera model ({@link TesseraModel#generate(String, SamplingConfig)}
 * on the JVM engine), seeded per row so a rerun writes the same text: the seed is the row's {@code seedCol}
 * value, or {@link #rowSeed} of the stage's {@code seed} and the prompt (then equal prompts get equal texts,
 * however the rows are partitioned). Temperature 0 is greedy.
 */
public final class Generator extends TextModelStage {
    private static final long serialVersionUID = 1L;

    private final Param<String> seedCol;
    private final LongParam seed;
    private final DoubleParam temperature;
    private final IntParam maxNewTokens;

    /** A stage with a random uid. */
    public Generator() {
        this(Identifiable$.MODULE$.randomUID("tesseraGenerator"));
    }

    /**
     * A stage with a given uid.
     *
     * @param uid the uid
     */
    public Generator(String uid) {
        super(uid, "generated");
        seedCol = new Param<>(this, "seedCol", "optional long column of per-row seeds ('' = from seed and prompt)");
        seed = new LongParam(this, "seed", "base seed");
        temperature = new DoubleParam(this, "temperature", "sampling temperature (0 = greedy)",
                ParamValidators.gtEq(0));
        maxNewTokens = new IntParam(this, "maxNewTokens", "tokens to write at most",
                ParamValidators.inRange(1, SamplingConfig.MAX_NEW_TOKENS));
        setDefault(seedCol, "");
        setDefault(seed, 0L);
        setDefault(temperature, 0.8);
        setDefault(maxNewTokens, 32);
    }

    /** @return the reader */
    public static MLReader<Generator> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a saved stage.
     *
     * @param path the folder
     * @return the stage
     */
    public static Generator load(String path) {
        return read().load(path);
    }

    /** @return the seed column */
    public Param<String> seedCol() {
        return seedCol;
    }

    /** @return the base seed */
    public LongParam seed() {
        return seed;
    }

    /** @return the temperature */
    public DoubleParam temperature() {
        return temperature;
    }

    /** @return the token budget */
    public IntParam maxNewTokens() {
        return maxNewTokens;
    }

    /**
     * Sets a param.
     *
     * @param p the param
     * @param value its value
     * @param <T> its type
     * @return this stage
     */
    public <T> Generator with(Param<T> p, T value) {
        set(p, value);
        return this;
    }

    /**
     * The seed of a row without a seed column: a mix of the base seed and the prompt's hash.
     *
     * @param base the stage's seed
     * @param prompt the prompt
     * @return the row's seed
     */
    public static long rowSeed(long base, String prompt) {
        long z = base + 0x9E3779B97F4A7C15L * (prompt.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The sampling of one row.
     *
     * @param temperature the temperature (0 = greedy)
     * @param seed the row's seed
     * @param maxNewTokens the budget
     * @return the config
     */
    public static SamplingConfig sampling(double temperature, long seed, int maxNewTokens) {
        return temperature == 0 ? SamplingConfig.greedy(maxNewTokens)
                : SamplingConfig.sample(temperature, seed, maxNewTokens);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getOrDefault(promptCol()), DataTypes.StringType);
        if (!getOrDefault(seedCol).isEmpty()) {
            requireColumn(schema, getOrDefault(seedCol), null);
        }
        return withOutputs(schema, DataTypes.createStructField(getOrDefault(outputCol()), DataTypes.StringType, true));
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType s = dataset.schema();
        StructType out = transformSchema(s);
        Job job = new Job(source(), failOnError(), s.fieldIndex(getOrDefault(promptCol())),
                getOrDefault(seedCol).isEmpty() ? -1 : s.fieldIndex(getOrDefault(seedCol)), (Long) getOrDefault(seed),
                (Double) getOrDefault(temperature), (Integer) getOrDefault(maxNewTokens));
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) job::run, Encoders.row(out));
    }

    private record Job(BundleSource source, boolean fail, int prompt, int seedCol, long seed, double temperature,
            int maxNewTokens) implements Serializable {
        Iterator<Row> run(Iterator<Row> rows) {
            TesseraModel m = model(source);
            return mapRows(rows, "prompt", prompt, fail, "Generator", r -> {
                String p = r.getString(prompt);
                long s = seedCol >= 0 && !r.isNullAt(seedCol) ? ((Number) r.get(seedCol)).longValue() : rowSeed(seed, p);
                return m.generate(p, sampling(temperature, s, maxNewTokens));
            });
        }
    }
}
