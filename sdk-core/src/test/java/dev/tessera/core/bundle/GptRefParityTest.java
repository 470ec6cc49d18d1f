package dev.tessera.core.bundle;

import dev.tessera.core.io.Json;
import dev.tessera.core.io.CorruptFileException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tessera.core.model.DecoderModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with an independent implementation: weights exported by {@code gpt_ref.py --export}
 * (PyTorch; committed fixture: 2 layers, d_model 64, context 32, vocab 256, tied head) must
 * reproduce the reference's logits at every position.
 */
public class GptRefParityTest {

    /** @return the folder of the committed gpt_ref.py export (weights, config and expected logits) */
    public static Path fixture() throws Exception {
        return Paths.get(GptRefParityTest.class.getResource("/gpt-ref/config.json").toURI()).getParent();
    }

    @Test
    void gptRefExport_reproducesProbeLogitsWithin1e4() throws Exception {
        Path dir = fixture();
        JsonObject probe = Json.GSON.fromJson(Files.readString(dir.resolve("probe.json")), JsonObject.class);
        JsonArray idsJson = probe.getAsJsonArray("input_ids");
        int[] ids = new int[idsJson.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idsJson.get(i).getAsInt();
        }
        JsonArray want = probe.getAsJsonArray("logits");
        try (DecoderModel m = GptRefFormat.load(dir, Device.cpu()); NDManager s = NDManager.newBaseManager()) {
            assertEquals(118_528, m.parameterCount());
            NDArray x = s.create(ids, new Shape(1, ids.length));
            float[] got = m.logits(m.forward(x, null)).toFloatArray();
            int v = m.config().vocabSize();
            double maxDiff = 0;
            for (int t = 0; t < ids.length; t++) {
                JsonArray row = want.get(t).getAsJsonArray();
                for (int j = 0; j < v; j++) {
                    maxDiff = Math.max(maxDiff, Math.abs(row.get(j).getAsDouble() - got[t * v + j]));
                }
            }
            assertTrue(maxDiff < 1e-4, "max |logit diff| = " + maxDiff);
        }
    }

    @Test
    void truncatedWeights_giveAClearErrorNamingTheFile(@TempDir Path tmp) throws Exception {
        Path dir = fixture();
        Files.copy(dir.resolve("config.json"), tmp.resolve("config.json"));
        byte[] w = Files.readAllBytes(dir.resolve("model.safetensors"));
        Files.write(tmp.resolve("model.safetensors"), java.util.Arrays.copyOf(w, w.length - 1000));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> GptRefFormat.load(tmp, Device.cpu()));
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
