package dev.tessera.pointcloud.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.token.Segment;
import dev.tessera.pointcloud.eval.PointSetMetrics;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointCloudModalityTest {

    private static PointCloud cloud(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[3 * 500];
        for (int i = 0; i < p.length; i += 3) {
            p[i] = (float) (10 + 4 * r.nextDouble());
            p[i + 1] = (float) (-3 + 2 * r.nextDouble());
            p[i + 2] = (float) (r.nextDouble());
        }
        return PointCloud.of(p);
    }

    @Test
    void roundTrip_returnsPointsInOriginalFrameWithinHalfVoxel() {
        for (String codec : new String[] {"octree", "morton"}) {
            PointCloudModality m = new PointCloudModality("points",
                    new PointCloudConfig(codec, 6, true, 0, false, 0));
            PointCloud c = cloud(1);
            Segment s = m.tokenizer().encode(c);
            PointCloud back = m.detokenizer().decode(s);
            double halfDiag = 4.0 * Math.sqrt(3) / 2 / 64; // longest side 4
            assertEquals(1.0, PointSetMetrics.score(back.xyz(), c.xyz(), halfDiag + 1e-4).fscore(), 0.0, codec);
            for (int t : s.tokens()) {
                assertTrue(t >= 0 && t < m.vocabularySize());
            }
            assertEquals("octree".equals(codec) ? s.length() : (s.length() * 6 + 7) / 8, m.bytes(s));
        }
    }

    @Test
    void provider_isFoundByServiceLoader_andRestoresSavedState() throws IOException {
        ModalityRegistry reg = ModalityRegistry.discover();
        assertTrue(reg.names().contains(PointCloudModality.PROVIDER), reg.names().toString());
        PointCloudModality m = new PointCloudModality("shape", new PointCloudConfig("octree", 5, true, 100, true, 9));
        ModalityState st = new ModalityState("shape");
        m.save(st);
        Modality<?> back = reg.provider(m.providerName()).load("shape", st);
        assertEquals(m.config(), ((PointCloudModality) back).config());
        Segment s = m.tokenizer().encode(cloud(2));
        assertArrayEquals(m.detokenizer().decode(s).xyz(), ((PointCloudModality) back).detokenizer().decode(s).xyz());
        assertEquals(100, m.detokenizer().decode(s).size());
    }

    @Test
    void badState_andForeignSegment_giveClearErrors() {
        ModalityState st = new ModalityState("shape");
        st.putString("config.json", "{\"codec\":\"quadtree\",\"depth\":5}");
        IOException e = assertThrows(IOException.class, () -> new PointCloudModalityProvider().load("shape", st));
        assertTrue(e.getMessage().contains("quadtree"), e.getMessage());
        PointCloudModality m = new PointCloudModality("shape", PointCloudConfig.octree(3));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> m.detokenizer().decode(new Segment("text", new int[] {1})));
        assertTrue(e2.getMessage().contains("text"), e2.getMessage());
    }
}
