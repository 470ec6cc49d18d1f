package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.util.NativeArrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The JVM engine over input embeddings ({@link JvmDecodeEngine#lastHidden}) against DJL's forwardEmbeddings. */
class JvmLastHiddenTest {

    private static float[][] randomInputs(int rows, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] x = new float[rows][d];
        for (float[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        return x;
    }

    private static void assertMatchesDjl(ModelConfig cfg, int batch, int time) throws Exception {
        try (DecoderModel model = TrainedModels.trained(cfg, 20, 5); NDManager m = NDManager.newBaseManager()) {
            int d = cfg.dModel();
            float[][] x = randomInputs(batch * time, d, 11);
            float[] flat = new float[batch * time * d];
            for (int s = 0; s < x.length; s++) {
                System.arraycopy(x[s], 0, flat, s * d, d);
            }
            NDArray h = model.forwardEmbeddings(NativeArrays.floats(m, flat, new Shape(batch, time, d)), null, null);
            float[] want = h.get(":, -1, :").toFloatArray();
            float[][] got = new JvmDecodeEngine(model).lastHidden(x, batch, time);
            assertEquals(batch, got.length);
            double worst = 0;
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < d; k++) {
                    double diff = Math.abs(got[b][k] - want[b * d + k]);
                    worst = Math.max(worst, diff);
                    assertTrue(diff <= 1e-4, cfg.architecture() + " sequence " + b + " dim " + k + ": jvm " + got[b][k]
                            + " djl " + want[b * d + k]);
                }
            }
            System.out.println(cfg.architecture() + ": worst |djl - jvm| hidden = " + worst);
        }
    }

    @Test
    void lastHidden_equalsDjl_modernBlocks() throws Exception {
        assertMatchesDjl(ModelConfig.modern(8, 64, 2, 4, 32), 5, 16);
    }

    @Test
    void lastHidden_equalsDjl_gpt2Blocks_withPositionEmbeddings() throws Exception {
        assertMatchesDjl(ModelConfig.gpt2(8, 64, 2, 2, 32), 3, 40);
    }

    @Test
    void oneThread_givesTheSameBitsAsAll() throws Exception {
        ModelConfig cfg = ModelConfig.modern(2, 16, 2, 4, 64);
        try (DecoderModel model = DecoderModel.create(cfg, 2, ai.djl.Device.cpu())) {
            JvmDecodeEngine engine = new JvmDecodeEngine(model);
            // big enough (256 x 16 rows) that the products are split over the threads when allowed
            float[][] x = randomInputs(256 * 16, 64, 3);
            float[][] all = engine.lastHidden(x, 256, 16);
            Thread t = new Thread(() -> {
                JvmEngineThreads.limitCurrentThread(1);
                assertEquals(1, JvmEngineThreads.ofCurrentThread());
                float[][] one = engine.lastHidden(x, 256, 16);
                for (int b = 0; b < one.length; b++) {
                    assertArrayEquals(all[b], one[b], "sequence " + b);
                }
            });
            Throwable[] error = new Throwable[1];
            t.setUncaughtExceptionHandler((th, e) -> error[0] = e);
            t.start();
            t.join();
            if (error[0] != null) {
                throw new AssertionError("the one-thread run differed", error[0]);
            }
            assertEquals(JvmEngineThreads.available(), JvmEngineThreads.ofCurrentThread(), "the limit is per thread");
        }
    }

    @Test
    void badSizes_areRefusedWithTheirNumbers() {
        ModelConfig cfg = ModelConfig.modern(2, 8, 1, 2, 16);
        try (DecoderModel model = DecoderModel.create(cfg, 2, ai.djl.Device.cpu())) {
            JvmDecodeEngine engine = new JvmDecodeEngine(model);
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> engine.lastHidden(new float[9][16], 1, 9));
            assertTrue(tooLong.getMessage().contains("exceeds the context length 8"), tooLong.getMessage());
            IllegalArgumentException rows = assertThrows(IllegalArgumentException.class,
                    () -> engine.lastHidden(new float[7][16], 2, 4));
            assertTrue(rows.getMessage().contains("7 input rows for 2 sequences of 4"), rows.getMessage());
            IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                    () -> engine.lastHidden(new float[4][15], 1, 4));
            assertTrue(width.getMessage().contains("width is 16"), width.getMessage());
            assertThrows(IllegalArgumentException.class, () -> JvmEngineThreads.limitCurrentThread(-1));
        }
    }
}
