package dev.tessera.timeseries.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PatchLayersTest {
    private static final PatchLayers LAYERS = new PatchLayers("p", 4, 6, new double[] {0.1, 0.5, 0.9});

    private static DecoderModel model() {
        return DecoderModel.create(ModelConfig.gpt2(20, 16, 1, 2, 32), 3, Device.cpu());
    }

    private static Set<String> names(DecoderModel m) {
        return m.parameters().keySet().stream().filter(n -> n.startsWith("p.")).collect(Collectors.toSet());
    }

    @Test
    void addHeadTo_registersTheHeadOnly_withTheValuesAddToGivesIt() {
        try (DecoderModel both = model(); DecoderModel head = model()) {
            LAYERS.addTo(both, 5);
            LAYERS.addHeadTo(head, 5);
            Set<String> headNames = names(head);
            assertEquals(Set.of("p.head.w1", "p.head.b1", "p.head.w2", "p.head.b2", "p.head.skip"), headNames);
            assertTrue(names(both).containsAll(headNames));
            assertTrue(names(both).contains("p.adapter.w1"));
            for (String n : headNames) {
                assertArrayEquals(both.parameter(n).toFloatArray(), head.parameter(n).toFloatArray(), n);
            }
        }
    }

    @Test
    void anotherSeed_givesAnotherHead() {
        try (DecoderModel a = model(); DecoderModel b = model()) {
            LAYERS.addHeadTo(a, 5);
            LAYERS.addHeadTo(b, 6);
            assertFalse(java.util.Arrays.equals(a.parameter("p.head.w1").toFloatArray(),
                    b.parameter("p.head.w1").toFloatArray()));
        }
    }
}
