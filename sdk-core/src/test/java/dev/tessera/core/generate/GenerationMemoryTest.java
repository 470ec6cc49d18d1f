package dev.tessera.core.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long generation loops must not leave native arrays behind. */
class GenerationMemoryTest {

    @Test
    void manyGenerations_leaveNoArraysInTheModelsManager() {
        try (DecoderModel m = DecoderModel.create(ModelConfig.modern(30, 32, 2, 2, 16), 1, Device.cpu())) {
            Generator gen = new Generator(new DjlDecodeEngine(m), null);
            gen.generate(new int[] {1, 2}, SamplingConfig.sample(1, 0, 8), List.of(), null);
            int arrays = m.manager().getManagedArrays().size();
            for (int i = 0; i < 200; i++) {
                gen.generateBatch(List.of(new int[] {1, 2, 3}, new int[] {4}), SamplingConfig.sample(1, i, 12)
                        .withPolicies(SamplingConfig.PromptPolicy.REJECT, SamplingConfig.OverflowPolicy.SLIDE),
                        List.of(), null);
            }
            assertEquals(arrays, m.manager().getManagedArrays().size(), "arrays left in the model's manager");
        }
    }
}
