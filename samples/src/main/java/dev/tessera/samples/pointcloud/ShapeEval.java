package dev.tessera.samples.pointcloud;

import dev.tessera.core.task.ClassRates;
import dev.tessera.core.train.Checkpoints;
import dev.tessera.core.train.TrainingListener;
import dev.tessera.core.train.TrainingResult;
import dev.tessera.pointcloud.generate.ShapeClassifier;
import dev.tessera.pointcloud.generate.ShapeGenConfig;
import dev.tessera.pointcloud.generate.ShapeGenerator;
import dev.tessera.pointcloud.generate.ShapeLayout;
import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.eval.RateDistortion;
import dev.tessera.pointcloud.eval.SetMetrics;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import dev.tessera.pointcloud.io.PlyFormat;
import dev.tessera.pointcloud.render.PointCloudRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape-generation experiment behind {@code tessera shape-eval} and the demo: train (or load)
 * a class-conditioned octree generator on procedural shapes, generate {@code evalPerClass} shapes
 * per class, and score them with a separate classifier and the set metrics against held-out
 * shapes; also the tokenizer round trip on the real meshes.
 */
public final class ShapeEval {
    /** Points of each raw (unquantised) reference cloud in the set metrics (an i.i.d. subsample). */
    static final int RAW_POINTS = 512;
    /** A class whose generated shapes the classifier accepts less often than this is named as failing. */
    public static final double PER_CLASS_FLOOR = 0.6;

    private ShapeEval() { }

    /**
     * Options of one run.
     *
     * @param config generation settings
     * @param model a saved model to load instead of training, or {@code null}
     * @param saveTo where to save the trained model, or {@code null}
     * @param meshDir the real meshes folder, or {@code null} to skip the round trip
     * @param outDir where to write PLY files and PNG renders, or {@code null}
     * @param tau F-score threshold of the real-mesh round trip
     * @param log progress output, or {@code null}
     * @param checkpoints checkpoints of the generator's training ({@link Checkpoints#NONE}: none); a resumed run
     *     scores the weights of an uninterrupted one
     * @param temperatures sampling temperatures to pick from on a validation set of real shapes (never the scored
     *     reference set); empty: sample at the config's temperature
     */
    public record Options(ShapeGenConfig config, Path model, Path saveTo, Path meshDir, Path outDir, double tau,
            PrintStream log, Checkpoints checkpoints, List<Double> temperatures) {
        /** Validates the fields. */
        public Options {
            java.util.Objects.requireNonNull(checkpoints, "checkpoints");
            temperatures = List.copyOf(temperatures);
            for (double t : temperatures) {
                if (!(t > 0)) {
                    throw new IllegalArgumentException("every candidate temperature must be positive; got "
                            + temperatures);
                }
            }
            if (checkpoints.active() && model != null) {
                throw new IllegalArgumentException("--checkpoint-every and --resume checkpoint the generator's "
                        + "training; with --model nothing is trained");
            }
        }

        /**
         * Options that sample at the config's temperature.
         *
         * @param config generation settings
         * @param model a saved model to load instead of training, or {@code null}
         * @param saveTo where to save the trained model, or {@code null}
         * @param meshDir the real meshes folder, or {@code null}
         * @param outDir where to write PLY files and PNG renders, or {@code null}
         * @param tau F-score threshold of the real-mesh round trip
         * @param log progress output, or {@code null}
         * @param checkpoints checkpoints of the generator's training
         */
        public Options(ShapeGenConfig config, Path model, Path saveTo, Path meshDir, Path outDir, double tau,
                PrintStream log, Checkpoints checkpoints) {
            this(config, model, saveTo, meshDir, outDir, tau, log, checkpoints, List.of());
        }
    }

    /** Offset of the validation set's seed (temperature pick) from the run seed; the reference set uses 7919. */
    static final long VALIDATION_SEED = 2_750_159;
    /** The lowest validation class accuracy a candidate temperature may have to be picked. */
    static final double PICK_MIN_ACCURACY = 0.95;

    /**
     * Runs the experiment.
     *
     * @param o the options
     * @param listeners more listeners of the generator's training loop (tests)
     * @return the measurements
     * @throws IOException if a file cannot be read or written
     */
    public static ShapeEvalResult run(Options o, TrainingListener... listeners) throws IOException {
        long t0 = System.nanoTime();
        ShapeGenConfig c = o.config();
        // real-mesh tokenizer round trip (depth 6, 2,048 samples, unit cube)
        int reconDepth = 6;
        double reconTokens = Double.NaN;
        double reconF = Double.NaN;
        double reconCd = Double.NaN;
        int reconShapes = 0;
        if (o.meshDir() != null && Files.isDirectory(o.meshDir())) {
            List<RateDistortion.Named> meshes = RateDistortion.load(o.meshDir());
            RateDistortion.Row row = RateDistortion.compute(meshes, new int[] {reconDepth}, new double[] {o.tau()}, 2048,
                    7).get(0);
            reconTokens = row.meanTokens();
            reconF = row.fscore();
            reconCd = row.chamfer();
            reconShapes = meshes.size();
            log(o, "real meshes: %d shapes, depth %d, %.0f tokens, F@%.2f = %.3f, CD %.4f", reconShapes, reconDepth,
                    reconTokens, o.tau(), reconF, reconCd);
        }
        List<ProceduralShapes.Sample> train = ProceduralShapes.dataset(c.trainPerClass(), 2048, c.seed());
        List<ProceduralShapes.Sample> heldOut = ProceduralShapes.dataset(c.evalPerClass(), 2048, c.seed() + 7919);
        List<ProceduralShapes.Sample> classifierTest = ProceduralShapes.dataset(10, 2048, c.seed() + 104729);
        ShapeClassifier classifier = ShapeClassifier.fit(train, 5);
        double classifierAcc = classifier.accuracy(classifierTest);
        log(o, "classifier (kNN on depth-3 occupancy, trained on %d procedural samples): held-out accuracy %.3f",
                train.size(), classifierAcc);
        ShapeGenerator gen = o.model() != null ? ShapeGenerator.load(o.model()) : ShapeGenerator.create(c);
        try (gen) {
            if (o.model() != null) {
                c = gen.config().withEvalPerClass(c.evalPerClass()).withTemperature(c.temperature());
            }
            List<int[]> seqs = gen.sequences(train);
            double meanTok = seqs.stream().mapToInt(s -> s.length - ShapeLayout.PROMPT_LENGTH - 2).average().orElse(0);
            int maxTok = seqs.stream().mapToInt(s -> s.length - ShapeLayout.PROMPT_LENGTH - 2).max().orElse(0);
            log(o, "depth %d: %d training sequences, %.0f masks per shape on average (max %d), context %d",
                    c.depth(), seqs.size(), meanTok, maxTok, c.contextLength());
            double trainLoss = Double.NaN;
            double trainSec = 0;
            double trainTps = 0;
            if (o.model() == null) {
                TrainingResult tr = gen.train(seqs, o.log(), o.checkpoints(), listeners);
                trainLoss = tr.finalLoss();
                trainSec = tr.seconds();
                trainTps = tr.tokensPerSecond();
                if (o.saveTo() != null) {
                    gen.save(o.saveTo());
                }
            }
            List<ShapeClass> wanted = new ArrayList<>();
            for (int i = 0; i < c.evalPerClass(); i++) {
                for (ShapeClass sc : ShapeClass.values()) {
                    wanted.add(sc);
                }
            }
            List<ShapeEvalResult.TemperatureTrial> trials = new ArrayList<>();
            if (!o.temperatures().isEmpty()) {
                c = c.withTemperature(pickTemperature(o, gen, classifier, wanted, trials));
            }
            long g0 = System.nanoTime();
            List<int[]> generatedMasks = List.of(gen.generateMasks(wanted, c.seed() + 31, c.temperature()));
            List<float[]> generated = new ArrayList<>();
            for (int[] m : generatedMasks) {
                generated.add(gen.modality().decodeUnit(m));
            }
            double genSec = (System.nanoTime() - g0) / 1e9;
            boolean[] judged = new boolean[generated.size()];
            List<String> wantedNames = new ArrayList<>();
            for (int i = 0; i < generated.size(); i++) {
                judged[i] = classifier.predict(generated.get(i)) == wanted.get(i);
                wantedNames.add(wanted.get(i).label());
            }
            List<String> classNames = java.util.Arrays.stream(ShapeClass.values()).map(ShapeClass::label).toList();
            ClassRates perClass = ClassRates.of(classNames, wantedNames, judged);
            int ok = 0;
            for (boolean b : judged) {
                ok += b ? 1 : 0;
            }
            double genAcc = (double) ok / generated.size();
            List<float[]> refQuantised = new ArrayList<>();
            List<float[]> refRaw = new ArrayList<>();
            for (ProceduralShapes.Sample s : heldOut) {
                refQuantised.add(gen.modality().decodeUnit(gen.modality().codec().encode(s.points().xyz())));
                refRaw.add(java.util.Arrays.copyOf(s.points().xyz(), 3 * RAW_POINTS));
            }
            SetMetrics sm = SetMetrics.compute(generated, refQuantised);
            SetMetrics smRaw = SetMetrics.compute(generated, refRaw);
            // what the quantisation alone costs in the raw comparison: round-tripped real shapes vs raw ones
            List<ProceduralShapes.Sample> other = ProceduralShapes.dataset(c.evalPerClass(), 2048, c.seed() + 15485863);
            List<float[]> otherQ = new ArrayList<>();
            for (ProceduralShapes.Sample s : other) {
                otherQ.add(gen.modality().decodeUnit(gen.modality().codec().encode(s.points().xyz())));
            }
            SetMetrics floor = SetMetrics.compute(otherQ, refRaw);
            // what a perfect generator would score: another set of real shapes through the same tokenizer
            SetMetrics realVsReal = SetMetrics.compute(otherQ, refQuantised);
            // memorisation: generated shapes whose masks equal a training shape's
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int[] seq : seqs) {
                seen.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(seq, ShapeLayout.PROMPT_LENGTH,
                        seq.length - 2)));
            }
            int copies = 0;
            for (int[] m : generatedMasks) {
                copies += seen.contains(java.util.Arrays.toString(m)) ? 1 : 0;
            }
            double copiedFraction = (double) copies / generatedMasks.size();
            Map<String, Double> perClassCov = new LinkedHashMap<>();
            Map<String, Double> perClassCovReal = new LinkedHashMap<>();
            for (ShapeClass sc : ShapeClass.values()) {
                List<float[]> g = new ArrayList<>();
                List<float[]> ref = new ArrayList<>();
                List<float[]> real = new ArrayList<>();
                for (int i = 0; i < other.size(); i++) {
                    if (other.get(i).shapeClass() == sc) {
                        real.add(otherQ.get(i));
                    }
                }
                for (int i = 0; i < generated.size(); i++) {
                    if (wanted.get(i) == sc) {
                        g.add(generated.get(i));
                    }
                }
                for (int i = 0; i < heldOut.size(); i++) {
                    if (heldOut.get(i).shapeClass() == sc) {
                        ref.add(refQuantised.get(i));
                    }
                }
                perClassCov.put(sc.label(), SetMetrics.compute(g, ref).cov());
                perClassCovReal.put(sc.label(), SetMetrics.compute(real, ref).cov());
            }
            List<ShapeClass> heldClasses = heldOut.stream().map(ProceduralShapes.Sample::shapeClass).toList();
            List<ShapeClass> otherClasses = other.stream().map(ProceduralShapes.Sample::shapeClass).toList();
            long m0 = System.nanoTime();
            List<SetMetricRow> table = new ArrayList<>(SetMetricTable.compute(
                    new SetMetricTable.Labelled(generated, wanted), new SetMetricTable.Labelled(refQuantised, heldClasses),
                    new SetMetricTable.Labelled(otherQ, otherClasses), c.depth(), true));
            if (c.depth() > COARSE_DEPTH) {
                // the same shapes at depth 3: the coarse levels of a coarse-to-fine stream, comparable to a depth-3 model
                table.addAll(SetMetricTable.compute(new SetMetricTable.Labelled(coarsen(generated), wanted),
                        new SetMetricTable.Labelled(coarsen(refQuantised), heldClasses),
                        new SetMetricTable.Labelled(coarsen(otherQ), otherClasses), COARSE_DEPTH, true));
            }
            for (SetMetricRow row : table) {
                log(o, "%-32s COV %.3f (ties shared %.3f), 1-NNA %.3f (ties shared %.3f), MMD %.5f | real vs real: COV"
                        + " %.3f (%.3f), 1-NNA %.3f (%.3f)", row.name(), row.generated().cov(),
                        row.generated().covTiesShared(), row.generated().oneNna(), row.generated().oneNnaTiesShared(),
                        row.generated().mmd(), row.realVsReal().cov(), row.realVsReal().covTiesShared(),
                        row.realVsReal().oneNna(), row.realVsReal().oneNnaTiesShared());
            }
            log(o, "set-metric table: %.1f s", (System.nanoTime() - m0) / 1e9);
            List<String> failing = new ArrayList<>();
            for (String name : perClass.below(PER_CLASS_FLOOR)) {
                failing.add(String.format(java.util.Locale.ROOT, "'%s' class accuracy %.3f", name,
                        perClass.rates().get(name)));
            }
            log(o, "per class: %s", perClassLine(perClass, perClassCov));
            log(o, "per class, real vs real COV: %s", perClassCovReal);
            log(o, "real vs real (another held-out set): COV %.3f, 1-NNA %.3f; generated shapes equal to a training"
                    + " shape: %.3f", realVsReal.cov(), realVsReal.oneNna(), copiedFraction);
            if (!failing.isEmpty()) {
                log(o, "FAILING CLASSES (below %.2f): %s", PER_CLASS_FLOOR, String.join("; ", failing));
            }
            log(o, "generated %d shapes in %.1f s: class accuracy %.3f, COV %.3f, MMD %.4f, 1-NNA %.3f (raw %.3f,"
                    + " tokenizer-only %.3f)", generated.size(), genSec, genAcc, sm.cov(), sm.mmd(), sm.oneNna(),
                    smRaw.oneNna(), floor.oneNna());
            List<String> pngs = new ArrayList<>();
            if (o.outDir() != null) {
                pngs = writeOutputs(o.outDir(), wanted, generated, refQuantised, c);
            }
            return new ShapeEvalResult(c.depth(), meanTok, maxTok, reconDepth, reconTokens, reconF, reconCd,
                    reconShapes, o.tau(), classifierAcc, genAcc, sm.cov(), sm.mmd(), sm.oneNna(), smRaw.oneNna(),
                    floor.oneNna(), realVsReal.cov(), realVsReal.oneNna(), copiedFraction, perClass.rates(), perClassCov,
                    perClassCovReal,
                    failing, trainLoss, trainSec, trainTps, genSec, generated.size(),
                    (System.nanoTime() - t0) / 1e9, pngs, c.temperature(), trials, table);
        }
    }

    /**
     * What real data scores against real data, at several resolutions and with nothing trained: two held-out
     * procedural sets of {@code perClass} shapes per class (the seeds a run's reference and second real set use)
     * through the octree tokenizer at each depth, or as raw surface samples; under every distance and protocol
     * of {@link SetMetricTable}. It shows how much of the COV a perfect generator misses is the metric's: the
     * quantisation (ties between coarse voxel sets), the point count, and the finite sample.
     *
     * @param seed the run seed
     * @param perClass shapes per class in each set
     * @param depths octree depths to compare at; 0 means the raw surface samples ({@link #RAW_POINTS} each)
     * @return for each depth, its rows (their {@code generated} field is the second real set, as {@code realVsReal})
     */
    public static List<SetMetricRow> realVsReal(long seed, int perClass, int[] depths) {
        List<ProceduralShapes.Sample> ref = ProceduralShapes.dataset(perClass, 2048, seed + 7919);
        List<ProceduralShapes.Sample> other = ProceduralShapes.dataset(perClass, 2048, seed + 15485863);
        List<ShapeClass> refClasses = ref.stream().map(ProceduralShapes.Sample::shapeClass).toList();
        List<ShapeClass> otherClasses = other.stream().map(ProceduralShapes.Sample::shapeClass).toList();
        List<SetMetricRow> rows = new ArrayList<>();
        for (int depth : depths) {
            SetMetricTable.Labelled r = new SetMetricTable.Labelled(clouds(ref, depth), refClasses);
            SetMetricTable.Labelled o = new SetMetricTable.Labelled(clouds(other, depth), otherClasses);
            rows.addAll(SetMetricTable.compute(o, r, o, depth, true));
        }
        return rows;
    }

    private static List<float[]> clouds(List<ProceduralShapes.Sample> samples, int depth) {
        List<float[]> out = new ArrayList<>();
        PointCloudModality m = depth == 0 ? null
                : new PointCloudModality("points", PointCloudConfig.octree(depth).withNormalize(false));
        for (ProceduralShapes.Sample s : samples) {
            out.add(m == null ? java.util.Arrays.copyOf(s.points().xyz(), 3 * RAW_POINTS)
                    : m.decodeUnit(m.codec().encode(s.points().xyz())));
        }
        return out;
    }

    /** The depth of the coarse levels every report also compares at (the depth-3 model's resolution). */
    static final int COARSE_DEPTH = 3;

    /**
     * Picks the sampling temperature on a validation set of real shapes drawn with their own seed (neither the
     * training shapes nor the scored reference set) and generations drawn with their own sampling seed: among the
     * candidates whose generations the classifier accepts at least {@link #PICK_MIN_ACCURACY} of the time, the one
     * with the lowest 1-NNA (Chamfer L2, pooled: the reported definition), ties to the higher COV; if none
     * qualifies, the most accurate.
     */
    private static double pickTemperature(Options o, ShapeGenerator gen, ShapeClassifier classifier,
            List<ShapeClass> wanted, List<ShapeEvalResult.TemperatureTrial> trials) {
        ShapeGenConfig c = gen.config();
        int perClass = wanted.size() / ShapeClass.values().length;
        List<float[]> val = new ArrayList<>();
        for (ProceduralShapes.Sample s : ProceduralShapes.dataset(perClass, 2048, c.seed() + VALIDATION_SEED)) {
            val.add(gen.modality().decodeUnit(gen.modality().codec().encode(s.points().xyz())));
        }
        ShapeEvalResult.TemperatureTrial best = null;
        for (double t : o.temperatures()) {
            List<float[]> g = gen.generate(wanted, c.seed() + 97, t);
            int ok = 0;
            for (int i = 0; i < g.size(); i++) {
                ok += classifier.predict(g.get(i)) == wanted.get(i) ? 1 : 0;
            }
            SetMetrics m = SetMetrics.compute(g, val);
            ShapeEvalResult.TemperatureTrial trial = new ShapeEvalResult.TemperatureTrial(t, (double) ok / g.size(),
                    m.cov(), m.oneNna());
            trials.add(trial);
            log(o, "temperature %.2f on the validation set: class accuracy %.3f, COV %.3f, 1-NNA %.3f", t,
                    trial.classAccuracy(), trial.cov(), trial.oneNna());
            if (best == null || better(trial, best)) {
                best = trial;
            }
        }
        log(o, "picked temperature %.2f", best.temperature());
        return best.temperature();
    }

    private static boolean better(ShapeEvalResult.TemperatureTrial a, ShapeEvalResult.TemperatureTrial b) {
        boolean qa = a.classAccuracy() >= PICK_MIN_ACCURACY;
        boolean qb = b.classAccuracy() >= PICK_MIN_ACCURACY;
        if (qa != qb) {
            return qa;
        }
        if (!qa) {
            return a.classAccuracy() > b.classAccuracy();
        }
        return a.oneNna() < b.oneNna() || (a.oneNna() == b.oneNna() && a.cov() > b.cov());
    }

    /** Each cloud's occupied voxels at {@link #COARSE_DEPTH} (their centres): nested octree voxels keep their parents. */
    private static List<float[]> coarsen(List<float[]> clouds) {
        PointCloudModality coarse = new PointCloudModality("coarse",
                PointCloudConfig.octree(COARSE_DEPTH).withNormalize(false));
        List<float[]> out = new ArrayList<>();
        for (float[] x : clouds) {
            out.add(coarse.decodeUnit(coarse.codec().encode(x)));
        }
        return out;
    }

    private static List<String> writeOutputs(Path dir, List<ShapeClass> wanted, List<float[]> generated,
            List<float[]> reference, ShapeGenConfig c) throws IOException {
        Files.createDirectories(dir);
        List<PointCloud> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int n = ShapeClass.values().length;
        for (int k = 0; k < n; k++) {
            ShapeClass sc = ShapeClass.values()[k];
            for (int rep = 0; rep < Math.min(2, c.evalPerClass()); rep++) {
                int i = rep * n + k;
                PointCloud pc = PointCloud.of(generated.get(i));
                PlyFormat.write(dir.resolve("generated-" + sc.label() + "-" + rep + ".ply"), pc,
                        PlyFormat.Encoding.BINARY_LITTLE_ENDIAN);
                rows.add(pc);
                labels.add("generated '" + sc.label() + "' #" + rep + " (" + pc.size() + " voxels, depth " + c.depth()
                        + ")");
            }
            rows.add(PointCloud.of(reference.get(k)));
            labels.add("held-out real " + sc.label() + " through the tokenizer");
        }
        PointCloudRenderer r = new PointCloudRenderer(160, PointCloudRenderer.voxelSplat(160, c.depth()));
        List<String> out = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            int from = part * 4 * 3;
            int to = Math.min(rows.size(), from + 4 * 3);
            if (from >= to) {
                break;
            }
            String name = "shapes-" + (part + 1) + ".png";
            r.write(dir.resolve(name), rows.subList(from, to), labels.subList(from, to));
            out.add(name);
        }
        return out;
    }

    private static String perClassLine(ClassRates accuracy, Map<String, Double> cov) {
        StringBuilder b = new StringBuilder();
        accuracy.rates().forEach((c, a) -> b.append(String.format(java.util.Locale.ROOT, "%s accuracy %.2f COV %.2f; ", c,
                a, cov.get(c))));
        return b.toString().trim();
    }

    private static void log(Options o, String fmt, Object... args) {
        if (o.log() != null) {
            o.log().println(String.format(java.util.Locale.ROOT, fmt, args));
        }
    }
}
