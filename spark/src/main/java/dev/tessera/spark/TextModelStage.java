package dev.tessera.spark;

import dev.tessera.core.api.TesseraModel;
import org.apache.spark.ml.param.Param;

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
}
