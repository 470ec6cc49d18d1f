package dev.tessera.samples.pointcloud;

import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.eval.SetDistance;
import dev.tessera.pointcloud.eval.SetMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes shape-eval's set-metric table: for three sets of labelled clouds (generated, reference,
 * and a second real set) the metrics of generated-vs-reference and real-vs-reference under
 * {@link SetDistance#CHAMFER_L2} and {@link SetDistance#CHAMFER_SQUARED} (pooled and per class) and
 * {@link SetDistance#EMD} (per class only: an exact matching of 128 points per pair is too slow for all
 * pairs of the pooled sets).
 */
public final class SetMetricTable {
    private SetMetricTable() { }

    /**
     * A labelled set of clouds.
     *
     * @param clouds flat coordinates per shape
     * @param classes the class of each shape
     */
    public record Labelled(List<float[]> clouds, List<ShapeClass> classes) {
        /** Validates the fields. */
        public Labelled {
            if (clouds.size() != classes.size() || clouds.isEmpty()) {
                throw new IllegalArgumentException("need one class per cloud and at least one cloud; got "
                        + clouds.size() + " clouds and " + classes.size() + " classes");
            }
        }
    }

    /**
     * Computes the rows.
     *
     * @param generated the generated shapes
     * @param reference the held-out reference shapes
     * @param other a second real held-out set, the same size per class
     * @param depth the octree depth all three are at (a label of the rows)
     * @param withEmd whether to add the EMD row
     * @return the rows, Chamfer L2 pooled first (equal to the original {@code cov} and {@code one_nna})
     */
    public static List<SetMetricRow> compute(Labelled generated, Labelled reference, Labelled other, int depth,
            boolean withEmd) {
        List<float[]> all = new ArrayList<>(generated.clouds());
        all.addAll(reference.clouds());
        all.addAll(other.clouds());
        List<ShapeClass> cls = new ArrayList<>(generated.classes());
        cls.addAll(reference.classes());
        cls.addAll(other.classes());
        int g = generated.clouds().size();
        int r = reference.clouds().size();
        int[] set = new int[all.size()]; // 0 generated, 1 reference, 2 other
        for (int i = 0; i < set.length; i++) {
            set[i] = i < g ? 0 : i < g + r ? 1 : 2;
        }
        List<SetMetricRow> rows = new ArrayList<>();
        for (SetDistance dist : List.of(SetDistance.CHAMFER_L2, SetDistance.CHAMFER_SQUARED)) {
            double[][] d = dist.matrix(all);
            rows.add(row(dist, "pooled", depth, d, set, cls, null));
            rows.add(perClass(dist, depth, d, set, cls));
        }
        if (withEmd) {
            // one matrix per class (EMD is the costly one)
            List<SetMetrics> gen = new ArrayList<>();
            List<SetMetrics> real = new ArrayList<>();
            for (ShapeClass c : ShapeClass.values()) {
                List<Integer> idx = new ArrayList<>();
                List<float[]> clouds = new ArrayList<>();
                for (int i = 0; i < all.size(); i++) {
                    if (cls.get(i) == c) {
                        idx.add(i);
                        clouds.add(all.get(i));
                    }
                }
                if (clouds.isEmpty()) {
                    continue;
                }
                double[][] d = SetDistance.EMD.matrix(clouds);
                int[] sub = new int[idx.size()];
                for (int k = 0; k < sub.length; k++) {
                    sub[k] = set[idx.get(k)];
                }
                gen.add(pair(d, sub, 0));
                real.add(pair(d, sub, 2));
            }
            rows.add(new SetMetricRow(SetDistance.EMD.key(), "per_class_mean", depth, mean(gen), mean(real)));
        }
        return rows;
    }

    private static SetMetricRow perClass(SetDistance dist, int depth, double[][] d, int[] set, List<ShapeClass> cls) {
        List<SetMetrics> gen = new ArrayList<>();
        List<SetMetrics> real = new ArrayList<>();
        for (ShapeClass c : ShapeClass.values()) {
            if (cls.contains(c)) {
                SetMetricRow one = row(dist, "class", depth, d, set, cls, c);
                gen.add(one.generated());
                real.add(one.realVsReal());
            }
        }
        return new SetMetricRow(dist.key(), "per_class_mean", depth, mean(gen), mean(real));
    }

    private static SetMetricRow row(SetDistance dist, String protocol, int depth, double[][] d, int[] set,
            List<ShapeClass> cls, ShapeClass only) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (only == null || cls.get(i) == only) {
                keep.add(i);
            }
        }
        int[] sub = new int[keep.size()];
        double[][] dd = SetMetrics.restrict(d, keep.stream().mapToInt(Integer::intValue).toArray());
        for (int k = 0; k < sub.length; k++) {
            sub[k] = set[keep.get(k)];
        }
        return new SetMetricRow(dist.key(), protocol, depth, pair(dd, sub, 0), pair(dd, sub, 2));
    }

    /** The metrics of set {@code which} (0 or 2) against set 1, from a matrix over all three. */
    private static SetMetrics pair(double[][] d, int[] set, int which) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (set[i] == which) {
                order.add(i);
            }
        }
        int g = order.size();
        for (int i = 0; i < set.length; i++) {
            if (set[i] == 1) {
                order.add(i);
            }
        }
        return SetMetrics.fromDistances(SetMetrics.restrict(d, order.stream().mapToInt(Integer::intValue).toArray()), g);
    }

    private static SetMetrics mean(List<SetMetrics> l) {
        double cov = 0;
        double mmd = 0;
        double nna = 0;
        double covShared = 0;
        double nnaShared = 0;
        int g = 0;
        int r = 0;
        for (SetMetrics m : l) {
            cov += m.cov();
            mmd += m.mmd();
            nna += m.oneNna();
            covShared += m.covTiesShared();
            nnaShared += m.oneNnaTiesShared();
            g += m.generated();
            r += m.reference();
        }
        int n = l.size();
        return new SetMetrics(cov / n, mmd / n, nna / n, g, r, covShared / n, nnaShared / n);
    }
}
