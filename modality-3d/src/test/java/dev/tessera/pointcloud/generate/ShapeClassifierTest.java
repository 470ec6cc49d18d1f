package dev.tessera.pointcloud.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.modality.PointCloudConfig;
import dev.tessera.pointcloud.modality.PointCloudModality;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeClassifierTest {

    @Test
    void heldOutProceduralShapes_areClassifiedWell() {
        ShapeClassifier c = ShapeClassifier.fit(ProceduralShapes.dataset(30, 1024, 1), 5);
        double acc = c.accuracy(ProceduralShapes.dataset(6, 1024, 2));
        assertTrue(acc >= 0.9, "accuracy " + acc);
    }

    @Test
    void occupancy_isUnchangedByADeeperTokenizerRoundTrip() {
        for (ProceduralShapes.Sample s : ProceduralShapes.dataset(1, 1024, 3)) {
            for (int depth = 3; depth <= 5; depth++) {
                PointCloudModality m = new PointCloudModality("points",
                        PointCloudConfig.octree(depth).withNormalize(false));
                float[] back = m.decodeUnit(m.codec().encode(s.points().xyz()));
                assertArrayEquals(ShapeClassifier.occupancy(s.points().xyz()), ShapeClassifier.occupancy(back));
            }
        }
    }

    @Test
    void classifier_needsSamples() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ShapeClassifier.fit(List.of(), 3));
    }
}
