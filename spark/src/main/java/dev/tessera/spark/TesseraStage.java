package dev.tessera.spark;

import java.util.Iterator;
import java.util.Locale;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What every Tessera stage has: a model file ({@code bundlePath}, or broadcast bytes), a bad-row policy
 * ({@code onError}: {@code "column"} or {@code "fail"}) and the error column. Saved and loaded with the
 * default params writer and reader, so the model file itself is not copied: the saved stage names its path.
 */
public abstract class TesseraStage extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    /** {@code onError} value: null outputs and a message in the error column. */
    public static final String ON_ERROR_COLUMN = "column";
    /** {@code onError} value: the first bad row fails the job. */
    public static final String ON_ERROR_FAIL = "fail";

    private final String uid;
    private final Param<String> bundlePath;
    private final Param<String> onError;
    private final Param<String> errorCol;
    private Broadcast<byte[]> bundleBytes;

    /**
     * Declares the common params.
     *
     * @param uid the stage's id
     */
    protected TesseraStage(String uid) {
        this.uid = uid;
        this.bundlePath = new Param<>(this, "bundlePath", "the .tessera model file, readable on every executor");
        this.onError = new Param<>(this, "onError", "bad rows: 'column' (null outputs, message in errorCol) or "
                + "'fail' (the job fails)", ParamValidators.inArray(new String[] {ON_ERROR_COLUMN, ON_ERROR_FAIL}));
        this.errorCol = new Param<>(this, "errorCol", "output column of per-row error messages (null = ok)");
        setDefault(onError, ON_ERROR_COLUMN);
        setDefault(errorCol, "error");
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the model file param */
    public Param<String> bundlePath() {
        return bundlePath;
    }

    /** @return the bad-row policy param */
    public Param<String> onError() {
        return onError;
    }

    /** @return the error column param */
    public Param<String> errorCol() {
        return errorCol;
    }

    /**
     * Sets the model file.
     *
     * @param path a path every executor can read
     * @return this stage
     */
    public TesseraStage setBundlePath(String path) {
        set(bundlePath, path);
        return this;
    }

    /**
     * Ships the model file's bytes to the executors instead of a path (such a stage cannot be saved).
     *
     * @param bytes a broadcast of the whole file
     * @return this stage
     */
    public TesseraStage setBundleBytes(Broadcast<byte[]> bytes) {
        this.bundleBytes = bytes;
        return this;
    }

    /**
     * Sets the bad-row policy.
     *
     * @param policy {@code "column"} or {@code "fail"}
     * @return this stage
     */
    public TesseraStage setOnError(String policy) {
        set(onError, policy.toLowerCase(Locale.ROOT));
        return this;
    }

    /** @return where the model comes from */
    protected BundleSource source() {
        if (bundleBytes != null) {
            return BundleSource.broadcast(bundleBytes);
        }
        if (!isDefined(bundlePath)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " " + uid + ": set bundlePath (or bundle "
                    + "bytes) to the .tessera model file");
        }
        return BundleSource.path(getOrDefault(bundlePath));
    }

    /** @return true when bad rows fail the job */
    protected boolean failOnError() {
        return ON_ERROR_FAIL.equals(getOrDefault(onError));
    }

    /**
     * The input schema plus output fields, failing clearly if one already exists.
     *
     * @param schema the input schema
     * @param fields the output fields (the error column is added last)
     * @return the output schema
     */
    protected StructType withOutputs(StructType schema, StructField... fields) {
        StructType out = schema;
        for (StructField f : fields) {
            out = add(out, f);
        }
        return add(out, DataTypes.createStructField(getOrDefault(errorCol), DataTypes.StringType, true));
    }

    private StructType add(StructType schema, StructField f) {
        for (String n : schema.fieldNames()) {
            if (n.equals(f.name())) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": output column '" + f.name()
                        + "' already exists in the input; rename it or set another output column");
            }
        }
        return schema.add(f);
    }

    /**
     * Checks that an input column exists with the expected type.
     *
     * @param schema the input schema
     * @param col the column
     * @param expected the accepted type
     */
    protected void requireColumn(StructType schema, String col, org.apache.spark.sql.types.DataType expected) {
        StructField f = null;
        for (StructField s : schema.fields()) {
            if (s.name().equals(col)) {
                f = s;
            }
        }
        if (f == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no input column '" + col
                    + "'; columns are " + String.join(", ", schema.fieldNames()));
        }
        if (expected != null && !f.dataType().sameType(expected)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": column '" + col + "' is "
                    + f.dataType().simpleString() + ", expected " + expected.simpleString());
        }
    }

    @Override
    public MLWriter write() {
        if (bundleBytes != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " " + uid + " reads its model from broadcast "
                    + "bytes, which are not saved; set bundlePath to a shared file to save the stage");
        }
        return DefaultParamsWritable.super.write();
    }

    @Override
    public TesseraStage copy(ParamMap extra) {
        TesseraStage c = defaultCopy(extra);
        c.bundleBytes = bundleBytes;
        return c;
    }

    /**
     * Maps the rows of a partition to the input columns, one output value and the error column: the value
     * {@code f} gives the row, or null and a message naming the row when the input column is null or
     * {@code f} throws (or, when {@code fail}, an exception with that message).
     *
     * @param rows the partition
     * @param what the input's name in messages ("text", "prompt")
     * @param prompt the input column's index
     * @param fail whether a bad row fails the job
     * @param stage the stage name for messages
     * @param f prompt to output value
     * @return the output rows
     */
    static Iterator<Row> mapRows(Iterator<Row> rows, String what, int prompt, boolean fail, String stage, Function<Row, Object> f) {
        int partition = TaskContext.get() == null ? 0 : TaskContext.getPartitionId();
        return new Iterator<>() {
            private long index;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row r = rows.next();
                Object value = null;
                String error = null;
                try {
                    if (r.isNullAt(prompt)) {
                        throw new IllegalArgumentException(what + " is null");
                    }
                    value = f.apply(r);
                } catch (RuntimeException e) {
                    error = what + " at row " + index + " of partition " + partition + ": " + e.getMessage();
                    if (fail) {
                        throw new IllegalArgumentException(stage + ": " + error, e);
                    }
                }
                index++;
                Object[] v = new Object[r.length() + 2];
                for (int c = 0; c < r.length(); c++) {
                    v[c] = r.get(c);
                }
                v[r.length()] = value;
                v[r.length() + 1] = error;
                return RowFactory.create(v);
            }
        };
    }
}
