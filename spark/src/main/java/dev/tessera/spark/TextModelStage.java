package dev.tessera.spark;

import dev.tessera.core.api.TesseraModel;
import java.util.Iterator;
import java.util.function.Function;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A stage that reads a prompt column and adds one output column from a Tessera text model loaded once
 * per executor JVM ({@link Generator}, {@link Scorer}).
 */
public abstract class TextModelStage extends TesseraStage {
    private static final long serialVersionUID = 1L;
    /** The cache kind of loaded bundles. */
    public static final String KIND = "tessera-model";

    private final Param<String> promptCol;
    private final Param<String> outputCol;

    /**
     * Declares the prompt and output columns.
     *
     * @param uid the uid
     * @param output the output column's default name
     */
    protected TextModelStage(String uid, String output) {
        super(uid);
        promptCol = new Param<>(this, "promptCol", "input string column");
        outputCol = new Param<>(this, "outputCol", "output column");
        setDefault(promptCol, "prompt");
        setDefault(outputCol, output);
    }

    /** @return the prompt column */
    public Param<String> promptCol() {
        return promptCol;
    }

    /** @return the output column */
    public Param<String> outputCol() {
        return outputCol;
    }

    /**
     * Loads (once per JVM) the model of a source.
     *
     * @param source the bundle
     * @return the shared model
     */
    public static TesseraModel model(BundleSource source) {
        return ExecutorModels.get(KIND, source, TesseraModel::load);
    }

    /**
     * Maps the rows of a partition: the input columns, the value {@code f} gives the prompt, and the error.
     *
     * @param rows the partition
     * @param prompt the prompt column's index
     * @param fail whether a bad row fails the job
     * @param stage the stage name for messages
     * @param f prompt to output value
     * @return the output rows
     */
    static Iterator<Row> map(Iterator<Row> rows, int prompt, boolean fail, String stage, Function<Row, Object> f) {
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
                        throw new IllegalArgumentException("prompt is null");
                    }
                    value = f.apply(r);
                } catch (RuntimeException e) {
                    error = "prompt at row " + index + " of partition " + partition + ": " + e.getMessage();
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
