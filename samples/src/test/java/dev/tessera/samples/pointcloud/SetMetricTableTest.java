package dev.tessera.samples.pointcloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.eval.SetMetrics;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetMetricTableTest {

    private static SetMetricTable.Labelled quantised(long seed, int depth) {
        PointCloudModality m = new PointCloudModality("p", PointCloudConfig.octree(depth).withNormalize(false));
        List<float[]> clouds = new ArrayList<>();
        List<ShapeClass> classes = new ArrayList<>();
        for (ProceduralShapes.Sample s : ProceduralShapes.dataset(3, 512, seed)) {
            clouds.add(m.decodeUnit(m.codec().encode(s.points().xyz())));
            classes.add(s.shapeClass());
        }
        return new SetMetricTable.Labelled(clouds, classes);
    }

    @Test
    void aGeneratorThatReturnsTheSecondRealSet_scoresExactlyRealVsReal_andTheFirstRowIsTheOriginalMetric() {
        SetMetricTable.Labelled ref = quantised(1, 3);
        SetMetricTable.Labelled other = quantised(2, 3);
        List<SetMetricRow> rows = SetMetricTable.compute(other, ref, other, 3, true);
        assertEquals(List.of("chamfer_l2/pooled@3", "chamfer_l2/per_class_mean@3", "chamfer_squared/pooled@3",
                "chamfer_squared/per_class_mean@3", "emd/per_class_mean@3"),
                rows.stream().map(SetMetricRow::name).toList());
        for (SetMetricRow r : rows) {
            assertEquals(r.realVsReal(), r.generated(), r.name());
        }
        assertEquals(SetMetrics.compute(other.clouds(), ref.clouds()), rows.get(0).generated());
        // a generator that returns one shape per class, repeated, covers at most one reference per class
        List<float[]> collapsed = new ArrayList<>();
        for (int i = 0; i < other.clouds().size(); i++) {
            collapsed.add(other.clouds().get(i % ShapeClass.values().length));
        }
        List<SetMetricRow> bad = SetMetricTable.compute(new SetMetricTable.Labelled(collapsed, other.classes()), ref,
                other, 3, true);
        for (SetMetricRow r : bad) {
            assertTrue(r.generated().cov() <= 1.0 / 3 + 1e-12, r.name() + " COV " + r.generated().cov());
            assertTrue(r.generated().oneNna() > r.realVsReal().oneNna(), r.name());
        }
    }
}
