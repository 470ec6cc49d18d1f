package dev.tessera.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.util.NativeArrays;
import org.junit.jupiter.api.Test;

/** A forward pass run outside any NDScope leaves nothing in the model's own manager. */
class ForwardOutsideScopeTest {

    private static void assertNoLeak(ModelConfig cfg) {
        try (DecoderModel m = DecoderModel.create(cfg, 3, Device.cpu())) {
            int before = m.manager().getManagedArrays().size();
            for (int i = 0; i < 5; i++) {
                try (NDManager caller = NDManager.newBaseManager(Device.cpu())) {
                    NDArray ids = NativeArrays.ints(caller, new int[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
                    m.logits(m.forward(ids, null)).toFloatArray();
                }
                try (NDManager caller = NDManager.newBaseManager(Device.cpu()); KvCache cache = m.newCache(1)) {
                    m.forward(NativeArrays.ints(caller, new int[] {1, 2, 3}, new Shape(1, 3)), cache);
                    for (int t = 0; t < 4; t++) {
                        m.forward(NativeArrays.ints(caller, new int[] {t}, new Shape(1, 1)), cache);
                    }
                }
            }
            assertEquals(before, m.manager().getManagedArrays().size(), "arrays left in the model's manager");
        }
    }

    @Test
    void gpt2_forwardWithoutScope_leavesNoArraysInTheModel() {
        assertNoLeak(ModelConfig.gpt2(32, 16, 2, 2, 16));
    }

    @Test
    void modern_forwardWithoutScope_leavesNoArraysInTheModel() {
        assertNoLeak(ModelConfig.modern(32, 16, 2, 2, 16));
    }
}
