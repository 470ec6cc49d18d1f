package dev.tessera.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class DecoderModelTest {

    static Stream<ModelConfig> configs() {
        return Stream.of(
                ModelConfig.gpt2(50, 32, 2, 4, 32),
                ModelConfig.modern(50, 32, 2, 4, 32),
                ModelConfig.modern(50, 32, 2, 4, 32).withKvHeads(2),
                ModelConfig.modern(50, 32, 2, 4, 32).withTiedHead(true));
    }

    static int[] randomIds(int n, int vocab, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(vocab);
        }
        return ids;
    }

    static float[] logitsOf(DecoderModel m, NDManager s, int[] ids) {
        NDArray x = s.create(ids, new Shape(1, ids.length));
        return m.logits(m.forward(x, null)).toFloatArray();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void forward_changingAFutureToken_neverChangesEarlierLogits(ModelConfig cfg) {
        try (DecoderModel m = DecoderModel.create(cfg, 7, Device.cpu()); NDManager s = NDManager.newBaseManager()) {
            int[] ids = randomIds(20, cfg.vocabSize(), 1);
            float[] a = logitsOf(m, s, ids);
            int k = 11;
            ids[k] = (ids[k] + 1) % cfg.vocabSize();
            float[] b = logitsOf(m, s, ids);
            int v = cfg.vocabSize();
            for (int i = 0; i < k * v; i++) {
                assertEquals(a[i], b[i], 1e-6, "logit " + (i % v) + " at position " + i / v + " changed");
            }
            double diffAtK = 0;
            for (int i = k * v; i < (k + 1) * v; i++) {
                diffAtK += Math.abs(a[i] - b[i]);
            }
            assertTrue(diffAtK > 1e-4, "the changed position itself must see its new token");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void kvCache_logitsEqualFullForwardAtEveryStep(ModelConfig cfg) {
        try (DecoderModel m = DecoderModel.create(cfg, 3, Device.cpu()); NDManager s = NDManager.newBaseManager();
                KvCache cache = m.newCache(2)) {
            int n = cfg.contextLength();
            int[] ids = randomIds(2 * n, cfg.vocabSize(), 5);
            NDArray all = s.create(ids, new Shape(2, n));
            float[] full = m.logits(m.forward(all, null)).toFloatArray();
            int prefill = 5;
            NDArray first = m.logits(m.forward(all.get(new NDIndex(":, :{}", prefill)), cache));
            compare(full, first.toFloatArray(), 0, prefill, n, cfg.vocabSize());
            for (int t = prefill; t < n; t++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray step = m.logits(m.forward(all.get(new NDIndex(":, {}:{}", t, t + 1)), cache));
                    compare(full, step.toFloatArray(), t, 1, n, cfg.vocabSize());
                }
            }
            assertEquals(n, cache.position());
            NDArray more = s.create(new int[] {1, 2}, new Shape(2, 1));
            assertThrows(IllegalArgumentException.class, () -> m.forward(more, cache));
        }
    }

    private static void compare(float[] full, float[] part, int start, int len, int n, int v) {
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < len; t++) {
                for (int j = 0; j < v; j++) {
                    float want = full[(b * n + start + t) * v + j];
                    float got = part[(b * len + t) * v + j];
                    assertEquals(want, got, 1e-4, "row " + b + " position " + (start + t) + " logit " + j);
                }
            }
        }
    }

    @Test
    void create_sameSeed_sameWeights_otherSeed_otherWeights() {
        ModelConfig cfg = ModelConfig.modern(30, 16, 1, 2, 16);
        try (DecoderModel a = DecoderModel.create(cfg, 1, Device.cpu());
                DecoderModel b = DecoderModel.create(cfg, 1, Device.cpu());
                DecoderModel c = DecoderModel.create(cfg, 2, Device.cpu())) {
            float[] wa = a.parameter("wte.weight").toFloatArray();
            assertTrue(java.util.Arrays.equals(wa, b.parameter("wte.weight").toFloatArray()));
            assertTrue(!java.util.Arrays.equals(wa, c.parameter("wte.weight").toFloatArray()));
        }
    }

    @Test
    void gpt2ReferenceConfig_hasTheReferenceParameterCount() {
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(256, 128, 4, 4, 128), 0, Device.cpu())) {
            assertEquals(842_496, m.parameterCount());
        }
    }

    @Test
    void forwardEmbeddings_wrongWidth_saysExpectedShape() {
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(20, 8, 1, 2, 16), 0, Device.cpu());
                NDManager s = NDManager.newBaseManager()) {
            NDArray x = s.zeros(new Shape(1, 3, 15));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.forwardEmbeddings(x, null, null));
            assertTrue(e.getMessage().contains("(batch, time, 16)"), e.getMessage());
            NDArray tooLong = s.zeros(new Shape(1, 9, 16));
            e = assertThrows(IllegalArgumentException.class, () -> m.forwardEmbeddings(tooLong, null, null));
            assertTrue(e.getMessage().contains("exceeds the context length 8"), e.getMessage());
        }
    }
}
