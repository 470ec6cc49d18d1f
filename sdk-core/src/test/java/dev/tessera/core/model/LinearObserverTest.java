package dev.tessera.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearObserverTest {

    @Test
    void everyBlockMatrixReportsItsInputOncePerForward_andObservingStops() {
        for (ModelConfig cfg : new ModelConfig[] {ModelConfig.gpt2(20, 16, 2, 2, 32), ModelConfig.modern(20, 16, 2, 2, 32)}) {
            try (DecoderModel m = DecoderModel.create(cfg, 1, Device.cpu()); NDManager s = m.manager().newSubManager()) {
                Map<String, Long> features = new LinkedHashMap<>();
                m.observeLinearInputs((name, x) -> {
                    assertEquals(3, x.getShape().dimension(), name);
                    features.merge(name, x.getShape().get(2), (a, b) -> -1L);
                });
                NDArray ids = s.create(new int[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
                m.forward(ids, null);
                assertEquals(4 * cfg.layers(), features.size(), features.toString());
                for (Map.Entry<String, Long> e : features.entrySet()) {
                    long want = m.parameter(e.getKey()).getShape().get(1);
                    assertEquals(want, e.getValue(), e.getKey() + " input width (or seen twice)");
                }
                features.clear();
                m.observeLinearInputs(null);
                m.forward(ids, null);
                assertEquals(0, features.size());
            }
        }
    }
}
