package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantised weights saved inside a model bundle: smaller file, same logits after loading, every engine agrees. */
class QuantizedBundleTest {

    private static float[] lastLogits(DecodeEngine engine, int[] prompt) {
        try (DecodeEngine.Session s = engine.open(1)) {
            return s.prefill(new int[][] {prompt}, new int[] {0})[0];
        }
    }

    @Test
    void quantisedBundles_areSmallerAndLoadBackWithTheirExactLogits(@TempDir Path dir) throws Exception {
        ModelConfig cfg = ModelConfig.gpt2(64, 64, 2, 4, 64);
        VocabularyLayout layout = VocabularyLayout.plain("bytes", 64);
        int[] prompt = TrainedModels.patterned(new SplittableRandom(5), 64, 16);
        try (DecoderModel model = TrainedModels.trained(cfg, 30, 11)) {
            JvmWeights fp32 = JvmWeights.from(model);
            Path plain = dir.resolve("fp32.tessera");
            ModelBundle.of(model, layout, List.of(), Map.of()).save(plain);
            for (JvmWeights q : new JvmWeights[] {Quantizer.int8(fp32), Quantizer.int4(fp32, 32)}) {
                Path p = dir.resolve(q.format() + ".tessera");
                ModelBundle.of(model, layout, List.of(), Map.of("quantization", q.format()), q).save(p);
                assertTrue(Files.size(p) < Files.size(plain) * 0.5, q.format() + " bundle is " + Files.size(p)
                        + " bytes, fp32 " + Files.size(plain));
                float[] before = lastLogits(new JvmDecodeEngine(q), prompt);
                try (ModelBundle b = ModelBundle.load(p, ModalityRegistry.discover(), Device.cpu())) {
                    JvmWeights back = b.quantizedWeights().orElseThrow();
                    assertEquals(q.format(), back.format());
                    assertEquals(q.bytes(), back.bytes());
                    assertArrayEquals(before, lastLogits(new JvmDecodeEngine(back), prompt), 0f, q.format());
                    // The DJL model is built from the dequantised weights, so both engines compute one function.
                    float[] djl = lastLogits(new DjlDecodeEngine(b.model()), prompt);
                    for (int v = 0; v < djl.length; v++) {
                        assertEquals(before[v], djl[v], 1e-4, q.format() + " logit " + v);
                    }
                    assertEquals(q.format(), b.metadata().get("quantization"));
                }
                byte[] all = Files.readAllBytes(p);
                Path cut = dir.resolve("cut.tessera");
                Files.write(cut, Arrays.copyOf(all, all.length / 2));
                CorruptFileException e = assertThrows(CorruptFileException.class, () -> ModelBundle.load(cut));
                assertTrue(e.getMessage().contains("cut.tessera"), e.getMessage());
            }
            try (ModelBundle b = ModelBundle.load(plain)) {
                assertTrue(b.quantizedWeights().isEmpty());
            }
        }
    }

    @Test
    void quantisedWeightsOfAnotherConfig_areRefused() throws Exception {
        try (DecoderModel a = DecoderModel.create(ModelConfig.gpt2(64, 64, 2, 4, 64), 1, Device.cpu());
                DecoderModel b = DecoderModel.create(ModelConfig.gpt2(64, 64, 1, 4, 64), 1, Device.cpu())) {
            JvmWeights other = Quantizer.int8(JvmWeights.from(b));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelBundle.of(a, VocabularyLayout.plain("bytes", 64), List.of(), Map.of(), other));
            assertTrue(e.getMessage().contains("quantised weights are for"), e.getMessage());
        }
    }
}
