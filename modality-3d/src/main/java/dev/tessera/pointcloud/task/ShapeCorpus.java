package dev.tessera.pointcloud.task;

import dev.tessera.core.task.TaskContext;
import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.generate.ShapeClassifier;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import dev.tessera.pointcloud.octree.OctreeCodec;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data both shape tasks share: a pool of captioned procedural training shapes as octree masks,
 * held-out shapes for scoring, the caption table (caption to class) and the independent
 * {@link ShapeClassifier} fitted on the real training shapes. Prepared once per seed; the octree
 * tokenizer needs no training, so nothing is cached on disk (making the pool takes about a second).
 */
public final class ShapeCorpus {
    /** Surface samples per procedural shape before tokenization. */
    static final int POINTS = 2048;
    /** Offset of the held-out set's seed from the run seed. */
    static final long HELD_OUT_SEED = 7919;
    /** The shape modality's name in every task. */
    public static final String SHAPE_MODALITY = "shape";
    /** Framing ids around the two segments of an example: BOS, BEGIN, END, BEGIN, END, EOS. */
    static final int FRAMING = 6;

    private final ShapeTaskConfig config;
    private final PointCloudModality modality;
    private Long preparedSeed;
    private List<Entry> train;
    private List<Entry> heldOut;
    private Map<String, ShapeClass> captions;
    private ShapeClassifier classifier;
    private int dropped;

    /**
     * One captioned shape.
     *
     * @param shapeClass the class
     * @param caption the caption (class and proportions, e.g. "a tall cylinder")
     * @param masks the octree masks at the corpus depth
     */
    public record Entry(ShapeClass shapeClass, String caption, int[] masks) {
        /** @return the example length in global ids (either task: two framed segments, BOS, EOS) */
        public int exampleLength() {
            return ByteText.encode(caption).length + masks.length + FRAMING;
        }
    }

    /**
     * Creates an unprepared corpus.
     *
     * @param config the settings
     */
    public ShapeCorpus(ShapeTaskConfig config) {
        this.config = config;
        this.modality = new PointCloudModality(SHAPE_MODALITY,
                PointCloudConfig.octree(config.depth()).withNormalize(false));
    }

    /** @return the settings */
    public ShapeTaskConfig config() {
        return config;
    }

    /** @return the octree modality (unit cube, no normalisation) that decodes masks to voxel centres */
    public PointCloudModality modality() {
        return modality;
    }

    /**
     * Makes the pool, the held-out set, the caption table and the classifier (once per seed).
     *
     * @param context the run (its seed and log are used)
     */
    public synchronized void prepare(TaskContext context) {
        if (preparedSeed != null && preparedSeed == context.seed()) {
            return;
        }
        long t0 = System.nanoTime();
        List<ProceduralShapes.Sample> trainSamples = ProceduralShapes.dataset(config.trainPerClass(), POINTS,
                context.seed());
        int heldPerClass = Math.max(config.evalPerClass(), config.quickEvalPerClass());
        List<ProceduralShapes.Sample> heldSamples = ProceduralShapes.dataset(heldPerClass, POINTS,
                context.seed() + HELD_OUT_SEED);
        OctreeCodec codec = new OctreeCodec(config.depth());
        List<Entry> tr = new ArrayList<>();
        Map<String, ShapeClass> table = new LinkedHashMap<>();
        int drop = 0;
        for (ProceduralShapes.Sample s : trainSamples) {
            Entry e = new Entry(s.shapeClass(), s.caption(), codec.encode(s.points().xyz()));
            ShapeClass before = table.putIfAbsent(e.caption(), e.shapeClass());
            if (before != null && before != e.shapeClass()) {
                throw new IllegalStateException("caption '" + e.caption() + "' names two classes: " + before + " and "
                        + e.shapeClass());
            }
            if (e.exampleLength() <= config.maxLength()) {
                tr.add(e);
            } else {
                drop++;
            }
        }
        List<Entry> ho = new ArrayList<>();
        for (ProceduralShapes.Sample s : heldSamples) {
            Entry e = new Entry(s.shapeClass(), s.caption(), codec.encode(s.points().xyz()));
            if (e.exampleLength() <= config.maxLength()) {
                ho.add(e);
            }
        }
        this.classifier = ShapeClassifier.fit(trainSamples, 5);
        this.train = Collections.unmodifiableList(tr);
        this.heldOut = Collections.unmodifiableList(ho);
        this.captions = Collections.unmodifiableMap(table);
        this.dropped = drop;
        this.preparedSeed = context.seed();
        context.log().printf(java.util.Locale.ROOT,
                "shapes: %d training shapes (%d left out as longer than %d ids), %d held out, %d captions,"
                        + " longest example %d ids, masks per shape %d-%d, %.1f s%n",
                tr.size(), drop, config.maxLength(), ho.size(), table.size(), longestExample(), minMasks(),
                maxMasks(), (System.nanoTime() - t0) / 1e9);
    }

    private void checkPrepared() {
        if (preparedSeed == null) {
            throw new IllegalStateException("the shape corpus is not prepared; call the task's prepare first");
        }
    }

    /** @return the training pool */
    public List<Entry> train() {
        checkPrepared();
        return train;
    }

    /**
     * Returns the held-out shapes of a run, interleaved by class.
     *
     * @param quick whether the run is quick
     * @return {@code evalPerClass(quick)} shapes per class (fewer if some were too long)
     */
    public List<Entry> heldOut(boolean quick) {
        checkPrepared();
        int n = config.evalPerClass(quick) * ShapeClass.values().length;
        return heldOut.subList(0, Math.min(n, heldOut.size()));
    }

    /** @return caption to class, for every caption of the training pool */
    public Map<String, ShapeClass> captions() {
        checkPrepared();
        return captions;
    }

    /** @return the classifier fitted on the real training shapes */
    public ShapeClassifier classifier() {
        checkPrepared();
        return classifier;
    }

    /** @return training shapes left out because their examples were longer than the limit */
    public int dropped() {
        checkPrepared();
        return dropped;
    }

    /** @return the longest example of the pool and the held-out set, in global ids */
    public int longestExample() {
        checkPrepared();
        int max = 0;
        for (List<Entry> l : List.of(train, heldOut)) {
            for (Entry e : l) {
                max = Math.max(max, e.exampleLength());
            }
        }
        return max;
    }

    /** @return the most masks of a training shape */
    public int maxMasks() {
        return train().stream().mapToInt(e -> e.masks().length).max().orElse(0);
    }

    /** @return the fewest masks of a training shape */
    public int minMasks() {
        return train().stream().mapToInt(e -> e.masks().length).min().orElse(0);
    }

    /** @return the longest caption in UTF-8 bytes */
    public int maxCaptionBytes() {
        return captions().keySet().stream().mapToInt(c -> ByteText.encode(c).length).max().orElse(0);
    }

    /**
     * Decodes masks to voxel centres in the unit cube.
     *
     * @param masks a complete octree stream at the corpus depth
     * @return flat coordinates
     */
    public float[] decode(int[] masks) {
        return modality.decodeUnit(masks);
    }

    /**
     * What the tokens can tell about a caption: for each shape, the caption voted by its 5 nearest
     * training shapes (Jaccard distance of their leaf-voxel sets, as the classifier's); returns the
     * fraction whose caption is exactly right. Proportions finer than a voxel (e.g. a sphere's 10%
     * stretch) are invisible at this depth, so this is the reference for exact caption accuracy.
     *
     * @param shapes scored shapes
     * @return fraction of exact captions from the nearest-neighbour vote
     */
    public double nearestNeighbourCaptionAccuracy(List<Entry> shapes) {
        OctreeCodec codec = new OctreeCodec(config.depth());
        List<long[]> trainSets = new ArrayList<>();
        for (Entry e : train()) {
            trainSets.add(leafSet(codec, e.masks()));
        }
        int ok = 0;
        for (Entry q : shapes) {
            long[] qs = leafSet(codec, q.masks());
            double[] d = new double[trainSets.size()];
            Integer[] order = new Integer[d.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = jaccard(qs, trainSets.get(i));
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
            Map<String, Double> votes = new LinkedHashMap<>();
            for (int j = 0; j < Math.min(5, order.length); j++) {
                votes.merge(train.get(order[j]).caption(), 1 + 1e-3 * (5 - j), Double::sum);
            }
            String best = Collections.max(votes.entrySet(), Map.Entry.comparingByValue()).getKey();
            if (best.equals(q.caption())) {
                ok++;
            }
        }
        return shapes.isEmpty() ? 0 : (double) ok / shapes.size();
    }

    private static long[] leafSet(OctreeCodec codec, int[] masks) {
        long[] leaves = codec.decodeVoxels(masks);
        long max = 0;
        for (long v : leaves) {
            max = Math.max(max, v);
        }
        long[] bits = new long[(int) (max >>> 6) + 1];
        for (long v : leaves) {
            bits[(int) (v >>> 6)] |= 1L << (v & 63);
        }
        return bits;
    }

    private static double jaccard(long[] a, long[] b) {
        int inter = 0;
        int union = 0;
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            long x = i < a.length ? a[i] : 0;
            long y = i < b.length ? b[i] : 0;
            inter += Long.bitCount(x & y);
            union += Long.bitCount(x | y);
        }
        return union == 0 ? 0 : 1 - (double) inter / union;
    }
}
