package dev.tessera.pointcloud.generate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.ProgressBar;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.modality.OctreeConstraint;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import dev.tessera.pointcloud.octree.OctreeCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Class-conditioned octree shape generation on the shared backbone: trains a {@link DecoderModel}
 * on {@code class -> octree masks} sequences of procedural shapes, then samples shapes per class
 * with the core {@link Generator} (KV cache, batched) and {@link OctreeConstraint} as a logits
 * processor, so every stream is a valid octree.
 *
 * <p>Thread safety: not thread-safe (it trains and samples one DJL model); use one per thread, or {@code TesseraModel} on a saved bundle for concurrent generation.
 */
public final class ShapeGenerator implements AutoCloseable {
    private final ShapeGenConfig config;
    private final ShapeLayout layout = new ShapeLayout();
    private final DecoderModel model;
    private final PointCloudModality modality;

    private ShapeGenerator(ShapeGenConfig config, DecoderModel model) {
        this.config = config;
        this.model = model;
        this.modality = new PointCloudModality(ShapeLayout.POINTS_MODALITY,
                PointCloudConfig.octree(config.depth()).withNormalize(false));
    }

    /**
     * Creates an untrained generator.
     *
     * @param config the settings
     * @return the generator (close it)
     */
    public static ShapeGenerator create(ShapeGenConfig config) {
        ShapeLayout l = new ShapeLayout();
        ModelConfig mc = ModelConfig.modern(l.layout().size(), config.contextLength(), config.layers(), config.heads(),
                config.dModel());
        return new ShapeGenerator(config, DecoderModel.create(mc, config.seed(), Device.cpu()));
    }

    /** @return the settings */
    public ShapeGenConfig config() {
        return config;
    }

    /** @return the backbone */
    public DecoderModel model() {
        return model;
    }

    /** @return the point modality (octree at the generation depth, unit cube) */
    public PointCloudModality modality() {
        return modality;
    }

    /** @return the token layout */
    public ShapeLayout layout() {
        return layout;
    }

    /**
     * Encodes training samples to sequences, dropping any that would not fit the context.
     *
     * @param samples procedural samples in the unit cube
     * @return global-id sequences
     */
    public List<int[]> sequences(List<ProceduralShapes.Sample> samples) {
        OctreeCodec codec = new OctreeCodec(config.depth());
        List<int[]> out = new ArrayList<>();
        for (ProceduralShapes.Sample s : samples) {
            int[] masks = codec.encode(s.points().xyz());
            if (masks.length <= config.maskBudget()) {
                out.add(layout.sequence(s.shapeClass(), masks));
            }
        }
        return out;
    }

    /**
     * Trains on sequences; batches are drawn deterministically from the seed and step.
     *
     * @param seqs training sequences
     * @param log progress output, or {@code null}
     * @return the training summary
     * @throws IOException never in practice (no checkpoint is written)
     */
    public TrainingResult train(List<int[]> seqs, PrintStream log) throws IOException {
        return train(seqs, log, Checkpoints.NONE);
    }

    /**
     * Trains on sequences, surviving a kill: a checkpoint is written atomically every {@code checkpoints.every()}
     * steps and at the end, and a run given {@code checkpoints.resumeFrom()} continues from one after checking
     * that it belongs to the same run (model, settings and the training sequences' digest). Batches depend only on
     * the seed and the step, so a resumed run ends with the weights of an uninterrupted one.
     *
     * @param seqs training sequences
     * @param log progress output, or {@code null}
     * @param checkpoints where and how often to checkpoint, and what to resume from
     * @param listeners more listeners of the training loop
     * @return the training summary
     * @throws IOException if a checkpoint cannot be written or read
     * @throws IllegalArgumentException if the checkpoint belongs to another run
     */
    public TrainingResult train(List<int[]> seqs, PrintStream log, Checkpoints checkpoints,
            TrainingListener... listeners) throws IOException {
        if (seqs.isEmpty()) {
            throw new IllegalArgumentException("no training sequence fits the context of " + config.contextLength());
        }
        TrainingConfig tc = TrainingConfig.reference(config.steps(), config.learningRate(), config.seed());
        double meanLen = seqs.stream().mapToInt(s -> s.length).average().orElse(0);
        try (TokenLoss loss = new TokenLoss(layout.layout(), model.manager());
                TrainingLoop loop = new TrainingLoop(model, tc)) {
            loop.tokensPerStep((long) (meanLen * config.batch()))
                    .identity("shape_config", trainingIdentity(config))
                    .identity("sequences_sha256", Provenance.sha256(seqs.toArray(new int[0][])));
            for (TrainingListener l : listeners) {
                loop.listener(l);
            }
            if (loop.checkpoints(checkpoints) && log != null) {
                log.printf("shapes: resumed from %s at step %d of %d%n", checkpoints.resumeFrom(), loop.startStep(),
                        config.steps());
            }
            if (log != null) {
                loop.listener(new ProgressBar(log, "shapes"));
            }
            return loop.run((step, micro) -> loss.loss(model, batch(seqs, step), model.manager()));
        }
    }

    /**
     * What of the settings a checkpoint must share: everything but the evaluation's shape count and sampling
     * temperature, which do not change the training.
     *
     * @param c the settings
     * @return their training part as JSON
     */
    public static String trainingIdentity(ShapeGenConfig c) {
        return Json.COMPACT.toJson(c.withEvalPerClass(2).withTemperature(1.0));
    }

    private TokenBatch batch(List<int[]> seqs, long step) {
        SplittableRandom r = new SplittableRandom(config.seed() * 1_000_003L + step);
        int b = config.batch();
        int[][] picked = new int[b][];
        int max = 0;
        for (int i = 0; i < b; i++) {
            picked[i] = seqs.get(r.nextInt(seqs.size()));
            max = Math.max(max, picked[i].length);
        }
        int t = max - 1;
        int[][] in = new int[b][t];
        int[][] tg = new int[b][t];
        float[][] w = new float[b][t];
        int pad = layout.layout().eos();
        // Workaround: TokenLoss scores zero-weight positions with head 0 (shape_class), and 0 * -inf is NaN
        // when their target lies outside that head; so unweighted targets are set to a head-0 id.
        int ignored = layout.layout().toGlobal(ShapeLayout.CLASS_MODALITY, 0);
        for (int i = 0; i < b; i++) {
            int[] s = picked[i];
            for (int j = 0; j < t; j++) {
                in[i][j] = j < s.length ? s[j] : pad;
                // loss on the masks, END:points and EOS; not on the given class prompt
                boolean counts = j + 1 >= ShapeLayout.PROMPT_LENGTH && j + 1 < s.length;
                w[i][j] = counts ? 1f : 0f;
                tg[i][j] = counts ? s[j + 1] : ignored;
            }
        }
        return new TokenBatch(in, tg, w);
    }

    /**
     * Generates octree streams for the requested classes (one batch, KV cache).
     *
     * @param classes the class of each shape
     * @param seed sampling seed
     * @return the masks of each shape (always a valid octree)
     */
    public int[][] generateMasks(List<ShapeClass> classes, long seed) {
        return generateMasks(classes, seed, config.temperature());
    }

    /**
     * Generates octree streams at a given sampling temperature.
     *
     * @param classes the class of each shape
     * @param seed sampling seed
     * @param temperature softmax temperature
     * @return the masks of each shape (always a valid octree)
     */
    public int[][] generateMasks(List<ShapeClass> classes, long seed, double temperature) {
        List<int[]> prompts = new ArrayList<>();
        for (ShapeClass c : classes) {
            prompts.add(layout.prompt(c));
        }
        VocabularyLayout l = layout.layout();
        int end = l.end(ShapeLayout.POINTS_MODALITY);
        OctreeConstraint octree = new OctreeConstraint(l, ShapeLayout.POINTS_MODALITY, config.depth(),
                config.maskBudget());
        SamplingConfig sc = SamplingConfig.sample(temperature, seed, config.maskBudget() + 1).withStopTokens(end);
        List<GenerationResult> res = new Generator(new DjlDecodeEngine(model), l)
                .generateBatch(prompts, sc, List.of(octree), null);
        int off = l.offset(ShapeLayout.POINTS_MODALITY);
        int[][] masks = new int[res.size()][];
        for (int i = 0; i < masks.length; i++) {
            GenerationResult r = res.get(i);
            int[] ids = r.tokens();
            if (r.reason() != FinishReason.STOP_TOKEN || ids[ids.length - 1] != end) {
                throw new IllegalStateException("shape " + i + " stopped with " + r.reason() + " after " + ids.length
                        + " tokens instead of END:" + ShapeLayout.POINTS_MODALITY);
            }
            masks[i] = new int[ids.length - 1]; // drop END
            for (int j = 0; j < masks[i].length; j++) {
                masks[i][j] = ids[j] - off;
            }
        }
        return masks;
    }

    /**
     * Generates shapes and decodes them to unit-cube voxel centres.
     *
     * @param classes the class of each shape
     * @param seed sampling seed
     * @param temperature softmax temperature
     * @return flat coordinates per shape
     */
    public List<float[]> generate(List<ShapeClass> classes, long seed, double temperature) {
        List<float[]> out = new ArrayList<>();
        for (int[] m : generateMasks(classes, seed, temperature)) {
            out.add(modality.decodeUnit(m));
        }
        return out;
    }

    /**
     * Saves the weights with the configs as metadata (safetensors), atomically.
     *
     * @param path the file
     * @throws IOException on failure
     */
    public void save(Path path) throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        model.parameters().forEach((k, a) -> t.put(k, Tensor.of(a)));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "tessera-shape-generator");
        meta.put("model_config", Json.COMPACT.toJson(model.config()));
        meta.put("shape_config", Json.COMPACT.toJson(config));
        meta.put("layout", Json.COMPACT.toJson(layout.layout().spec()));
        meta.put("points_modality", Json.COMPACT.toJson(modality.config()));
        Safetensors.write(path, t, meta);
    }

    /**
     * Loads a generator saved by {@link #save(Path)}.
     *
     * @param path the file
     * @return the generator (close it)
     * @throws IOException if the file is not such a model or is corrupt
     */
    public static ShapeGenerator load(Path path) throws IOException {
        Safetensors.Content c = Safetensors.readFully(path);
        if (!"tessera-shape-generator".equals(c.metadata().get("format"))) {
            throw new IOException(path + ": not a shape-generator model (metadata format="
                    + c.metadata().get("format") + ")");
        }
        ModelConfig mc = Json.GSON.fromJson(c.metadata().get("model_config"), ModelConfig.class);
        ShapeGenConfig sc = Json.GSON.fromJson(c.metadata().get("shape_config"), ShapeGenConfig.class);
        try (NDManager tmp = NDManager.newBaseManager(Device.cpu())) {
            Map<String, NDArray> w = new LinkedHashMap<>();
            c.tensors().forEach((k, v) -> w.put(k, v.toNDArray(tmp)));
            return new ShapeGenerator(sc, DecoderModel.fromWeights(mc, w, Device.cpu()));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
