package dev.tessera.pointcloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.octree.OctreeCodec;
import org.junit.jupiter.api.Test;

class ShapeGenConfigTest {

    @Test
    void withDepth_givesAContextThatHoldsEveryTrainingShapeOfThatDepth() {
        for (int depth : new int[] {3, 4}) {
            ShapeGenConfig c = ShapeGenConfig.full(1).withDepth(depth);
            assertEquals(depth, c.depth());
            assertEquals(ShapeGenConfig.full(1).steps(), c.steps(), "only depth and context change");
            OctreeCodec codec = new OctreeCodec(depth);
            for (long seed = 1; seed <= 3; seed++) {
                int max = 0;
                for (ProceduralShapes.Sample s : ProceduralShapes.dataset(c.trainPerClass(), 2048, seed)) {
                    max = Math.max(max, codec.encode(s.points().xyz()).length);
                }
                assertTrue(max <= c.maskBudget(), "depth " + depth + " seed " + seed + ": " + max + " masks, budget "
                        + c.maskBudget());
            }
        }
        assertEquals(ShapeGenConfig.full(1), ShapeGenConfig.full(1).withDepth(3));
    }
}
