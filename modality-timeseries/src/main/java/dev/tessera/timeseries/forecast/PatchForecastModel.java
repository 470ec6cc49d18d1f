package dev.tessera.timeseries.forecast;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.StrictJson;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.timeseries.tokenize.PatchTokenizer;
import dev.tessera.timeseries.tokenize.RevIn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patch forecaster on the shared backbone. A context is normalised with {@link RevIn}, cut
 * into patches of P values (left-padded to {@code contextPatches}), and each patch's 2P features
 * (values and observed mask, see {@link PatchTokenizer}) go through an input adapter (a residual
 * MLP, parameters {@code series.adapter.*}) added to the embedding of its local id (0 = patch,
 * 1 = all padding). The core {@link DecoderModel} runs over these embeddings with
 * {@link DecoderModel#forwardEmbeddings}; a residual MLP quantile head ({@code series.head.*})
 * reads the last position and predicts the next O values at every quantile level, in normalised
 * units. Adapter and head are {@link PatchLayers}, registered in the backbone, so they train and
 * save with it.
 *
 * <p>Two ways to run it: {@link #predict} on DJL, with autograd, for training; {@link #predictQuantiles} on the
 * JVM engine ({@link JvmDecodeEngine}), for forecasting, over a copy of the weights made on first use and made
 * again when the backbone reports a change ({@link DecoderModel#weightsVersion()}: every training step does).
 *
 * <p>Thread safety: {@link #predictQuantiles} may be called from any number of threads at once (while no thread
 * trains the model); the DJL methods are used by one caller at a time (its DJL parameters and their native memory
 * are not thread-safe).
 */
public final class PatchForecastModel implements AutoCloseable {
    /** Normalised inputs are clipped to [-INPUT_LIMIT, INPUT_LIMIT]. */
    static final float INPUT_LIMIT = 20f;
    private final PatchModelConfig config;
    private final DecoderModel backbone;
    private final PatchLayers layers;
    private final Map<String, String> provenance;
    /** The JVM engine's copy of the weights, made on first use and again after the weights changed. */
    private volatile JvmPatchPredictor jvm;

    private PatchForecastModel(PatchModelConfig config, DecoderModel backbone, Map<String, String> provenance) {
        this.config = config;
        this.backbone = backbone;
        this.layers = layers(config);
        this.provenance = Map.copyOf(provenance);
    }

    /**
     * Creates a model with fresh weights.
     *
     * @param config the shape
     * @param seed the initialisation seed
     * @return the model (close it)
     */
    public static PatchForecastModel create(PatchModelConfig config, long seed) {
        DecoderModel b = DecoderModel.create(config.backbone(), seed, Device.cpu());
        layers(config).addTo(b, seed);
        return new PatchForecastModel(config, b, Map.of());
    }

    /** The adapter and head of a config (parameters {@code series.adapter.*}, {@code series.head.*}). */
    private static PatchLayers layers(PatchModelConfig config) {
        return new PatchLayers("series", config.patchLength(), config.outputLength(), config.levels());
    }

    /**
     * How the model was made, as saved in its bundle's metadata (empty for a model created in this JVM).
     *
     * @return the saved metadata: {@code format}, {@code patch_config} and whatever provenance the trainer wrote
     */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** @return the shape */
    public PatchModelConfig config() {
        return config;
    }

    /** @return the shared backbone (with the adapter and head parameters registered in it) */
    public DecoderModel backbone() {
        return backbone;
    }

    /**
     * A batch of encoded contexts.
     *
     * @param features {@code (B * T * 2P)} patch features
     * @param ids {@code (B * T)} local ids
     * @param norms the normalisation of each context
     * @param batch B
     */
    public record Encoded(float[] features, int[] ids, RevIn[] norms, int batch) { }

    /**
     * Encodes contexts (the last {@code contextLength} values of each; NaN-free or NaN = missing).
     *
     * @param contexts the histories
     * @return the batch
     */
    public Encoded encode(List<double[]> contexts) {
        return encode(contexts, config.patchLength(), config.contextPatches());
    }

    /**
     * Encodes contexts as patches: each context's last {@code contextPatches * patchLength} values are
     * normalised with their own {@link RevIn}, cut into left-padded patches (inputs clipped to
     * [-{@value #INPUT_LIMIT}, {@value #INPUT_LIMIT}]), and the patches a short context lacks become padding
     * (local id 1, zero features).
     *
     * @param contexts the histories (NaN = missing), each with at least one observed value
     * @param patchLength values per patch P
     * @param contextPatches patches per context T
     * @return the batch: features {@code (B * T * 2P)}, ids {@code (B * T)}
     */
    public static Encoded encode(List<double[]> contexts, int patchLength, int contextPatches) {
        int p = patchLength;
        int t = contextPatches;
        int f = 2 * p;
        int b = contexts.size();
        float[] feats = new float[b * t * f];
        int[] ids = new int[b * t];
        RevIn[] norms = new RevIn[b];
        for (int i = 0; i < b; i++) {
            double[] c = contexts.get(i);
            int len = Math.min(c.length, p * t);
            double[] ctx = java.util.Arrays.copyOfRange(c, c.length - len, c.length);
            norms[i] = RevIn.fit(ctx);
            float[][] rows = PatchTokenizer.patches(ctx, norms[i], p);
            int offset = t - rows.length;
            for (int j = 0; j < t; j++) {
                ids[i * t + j] = j < offset ? 1 : PatchTokenizer.PATCH_ID;
                if (j >= offset) {
                    float[] row = rows[j - offset];
                    for (int k = 0; k < f; k++) {
                        // bound the inputs of near-constant contexts (tiny std) so they cannot blow up activations
                        feats[(i * t + j) * f + k] = Math.max(-INPUT_LIMIT, Math.min(INPUT_LIMIT, row[k]));
                    }
                }
            }
        }
        return new Encoded(feats, ids, norms, b);
    }

    /**
     * Predicts normalised quantiles of the next O values of each context.
     *
     * @param enc encoded contexts
     * @param manager where the inputs are created (use a closed-after scope)
     * @return {@code (B, O, Q)} normalised quantiles, with its autograd graph when recording
     */
    public NDArray predict(Encoded enc, NDManager manager) {
        int t = config.contextPatches();
        int f = 2 * config.patchLength();
        NDArray x = NativeArrays.floats(manager, enc.features(), new Shape(enc.batch(), t, f));
        NDArray ids = NativeArrays.ints(manager, enc.ids(), new Shape(enc.batch(), t));
        NDArray e = backbone.embed(ids).add(layers.adapt(backbone, x));
        NDArray h = backbone.forwardEmbeddings(e, null, null);
        NDArray last = h.get(":, -1, :");
        return layers.predict(backbone, last);
    }

    /**
     * Predicts normalised quantiles of the next O values of each context on the JVM engine: what {@link #predict}
     * gives (to float rounding, ~1e-7 relative), without DJL and its native memory. The weights are copied from
     * the backbone on first use and again whenever {@link DecoderModel#weightsVersion()} moved.
     *
     * @param enc encoded contexts
     * @return {@code (B * O * Q)} normalised quantiles, laid out as {@link #predict}'s {@code (B, O, Q)}
     */
    public float[] predictQuantiles(Encoded enc) {
        return jvmPredictor().predict(enc);
    }

    private JvmPatchPredictor jvmPredictor() {
        JvmPatchPredictor p = jvm;
        if (p == null || p.version() != backbone.weightsVersion()) {
            synchronized (this) {
                p = jvm;
                if (p == null || p.version() != backbone.weightsVersion()) {
                    p = JvmPatchPredictor.of(backbone, "series", config);
                    jvm = p;
                }
            }
        }
        return p;
    }

    /**
     * The mean pinball loss over quantile levels and observed target steps.
     *
     * @param predicted {@code (B, O, Q)} normalised quantiles
     * @param target {@code (B, O)} normalised targets
     * @param mask {@code (B, O)} 1 where the target is observed
     * @return a scalar
     */
    public NDArray pinballLoss(NDArray predicted, NDArray target, NDArray mask) {
        return layers.pinballLoss(predicted, target, mask);
    }

    /** The metadata value of {@code format} in a saved patch forecaster bundle. */
    public static final String FORMAT = "tessera-patch-forecaster";

    /**
     * Writes the model as a core {@link ModelBundle} ({@code .tessera} zip: backbone config, all
     * weights including the adapter and head, layout {@code plain("series", 2)}) with the patch
     * config in the metadata {@code patch_config}, atomically.
     *
     * <p>The bundle holds no modality entry: the patch tokenizer's only setting (the patch length)
     * is part of {@code patch_config}, and its one local id does not match the two ids (patch,
     * padding) of the backbone's layout, which {@code ModelBundle} checks.
     *
     * @param file the output file
     * @throws IOException on write failure
     */
    public void save(Path file) throws IOException {
        save(file, Map.of());
    }

    /**
     * Writes the model as {@link #save(Path)} does, with provenance entries (how it was trained) in the
     * bundle's metadata after {@code format} and {@code patch_config}.
     *
     * @param file the output file
     * @param provenance free entries, e.g. the recipe, seed, steps, SDK version and data sources
     * @throws IOException on write failure
     */
    public void save(Path file, Map<String, String> provenance) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        // the backbone's shape is the bundle's model config; patch_config adds what the backbone does not say
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("patchLength", config.patchLength());
        patch.put("outputLength", config.outputLength());
        patch.put("levels", config.levels());
        meta.put("patch_config", Json.COMPACT.toJson(patch));
        provenance.forEach(meta::putIfAbsent);
        ModelBundle bundle = ModelBundle.of(backbone, VocabularyLayout.plain("series", 2), List.of(), meta);
        // not closed: closing the bundle would close this model's backbone
        bundle.save(file);
    }

    /**
     * Loads a model written by {@link #save(Path)}.
     *
     * @param file the file
     * @return the model (close it)
     * @throws IOException if the file is unreadable, corrupt or not a patch forecaster
     */
    public static PatchForecastModel load(Path file) throws IOException {
        ModelBundle bundle = ModelBundle.load(file);
        try {
            return from(bundle, file.toString());
        } catch (IOException | RuntimeException e) {
            bundle.close();
            throw e;
        }
    }

    /**
     * Whether a loaded bundle holds a standalone patch forecaster (metadata {@code format} = {@value #FORMAT}).
     *
     * @param bundle the bundle
     * @return true if {@link #from} accepts it
     */
    public static boolean isPatchForecaster(ModelBundle bundle) {
        return FORMAT.equals(bundle.metadata().get("format"));
    }

    /**
     * Takes the model out of a bundle already loaded (so a caller that inspected the bundle does not load the
     * file a second time). The model then owns the bundle's backbone: close the model, not the bundle.
     *
     * @param bundle a bundle written by {@link #save(Path)}
     * @param where the file name for error messages
     * @return the model (close it)
     * @throws IOException if the bundle is not a patch forecaster or its tensors do not match its config
     */
    public static PatchForecastModel from(ModelBundle bundle, String where) throws IOException {
        DecoderModel b = bundle.model();
        if (!isPatchForecaster(bundle)) {
            throw new IOException(where + ": not a Tessera patch forecaster (metadata format="
                    + bundle.metadata().get("format") + ")");
        }
        PatchModelConfig pc = patchConfig(bundle.metadata().get("patch_config"), b.config(), where);
        try (PatchForecastModel fresh = create(pc, 0)) {
            for (Map.Entry<String, NDArray> e : fresh.backbone.parameters().entrySet()) {
                NDArray have = b.parameters().get(e.getKey());
                if (have == null) {
                    throw new IOException(where + ": missing tensor '" + e.getKey() + "'");
                }
                if (!have.getShape().equals(e.getValue().getShape())) {
                    throw new IOException(where + ": tensor '" + e.getKey() + "' has shape " + have.getShape()
                            + ", expected " + e.getValue().getShape());
                }
            }
        }
        return new PatchForecastModel(pc, b, bundle.metadata());
    }

    /**
     * Reads {@code patch_config} (patch length, output length, levels) over the bundle's backbone. Bundles written
     * before the config held a {@code ModelConfig} also name {@code contextPatches}, {@code dModel}, {@code layers}
     * and {@code heads}; those must describe that backbone.
     */
    private static PatchModelConfig patchConfig(String json, ModelConfig backbone, String where) throws IOException {
        if (json == null) {
            throw new IOException(where + ": no metadata 'patch_config'");
        }
        JsonObject o = StrictJson.parseObject(json, where + "!patch_config");
        try {
            PatchModelConfig pc = new PatchModelConfig(field(o, "patchLength", where).getAsInt(),
                    field(o, "outputLength", where).getAsInt(), backbone,
                    Json.GSON.fromJson(field(o, "levels", where), double[].class));
            if (o.has("contextPatches")) {
                ModelConfig saved = PatchModelConfig.patchBackbone(o.get("contextPatches").getAsInt(),
                        field(o, "layers", where).getAsInt(), field(o, "heads", where).getAsInt(),
                        field(o, "dModel", where).getAsInt());
                if (!saved.equals(backbone)) {
                    throw new IOException(where + ": patch config " + json + " does not match the backbone " + backbone);
                }
            }
            return pc;
        } catch (RuntimeException e) {
            throw new IOException(where + ": patch config " + json + " is invalid: " + e.getMessage(), e);
        }
    }

    private static JsonElement field(JsonObject o, String name, String where) throws IOException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IOException(where + ": patch config has no '" + name + "'");
        }
        return e;
    }

    @Override
    public void close() {
        backbone.close();
    }
}
