package dev.tessera.samples.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory benchmark samples where it says, and the calls leave no array in the model's native manager. */
class GenerationMemoryTest {
    @TempDir
    Path dir;

    @Test
    void samplesEveryNCalls_andNoCallLeavesANativeArray() throws Exception {
        Path bundle = dir.resolve("tiny.tessera");
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(256, 16, 1, 2, 16), 1, Device.cpu())) {
            ModelBundle.of(m, VocabularyLayout.plain("text", 256), List.of(ByteText.modality()), Map.of()).save(bundle);
        }
        for (EngineChoice engine : List.of(EngineChoice.JVM, EngineChoice.DJL)) {
            List<GenerationMemory.Sample> seen = new ArrayList<>();
            GenerationMemory.Result r = GenerationMemory.run(new GenerationMemory.Options(bundle, engine, 250, 100, 5,
                    "ab", 3), seen::add);
            assertEquals(List.of(0, 100, 200, 250), r.samples().stream().map(GenerationMemory.Sample::calls).toList());
            assertEquals(r.samples(), seen, "each sample is reported as it is taken");
            int arrays = r.samples().get(0).managedArrays();
            assertTrue(r.samples().stream().allMatch(s -> s.managedArrays() == arrays),
                    engine + ": arrays in the model's manager changed: " + r.samples());
            assertTrue(r.generatedChars() > 0, engine + " generated nothing");
            assertTrue(r.samples().get(0).rssKb() > 0, "VmRSS read");
        }
    }
}
