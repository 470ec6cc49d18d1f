package dev.tessera.core.fuzz;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the valid seeds of sdk-core's fuzz targets (a small safetensors file and a tiny bundle), so
 * the committed seeds can be made again: run {@code main} with the test class path, from the
 * worktree root.
 */
public final class CoreSeeds {
    private CoreSeeds() { }

    /**
     * Writes the seeds.
     *
     * @param args unused
     * @throws IOException if a seed cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path res = Path.of("sdk-core/src/test/resources/dev/tessera/core/fuzz");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ByteBuffer f = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            f.putFloat(i * 0.5f);
        }
        tensors.put("w", new Tensor("F32", new long[] {2, 3}, f.flip()));
        tensors.put("ids", new Tensor("I32", new long[] {1}, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(7).flip()));
        write(res.resolve("SafetensorsFuzzTestInputs/read/valid"), Safetensors.toBytes(tensors, Map.of("format", "pt")));

        VocabularyLayout layout = VocabularyLayout.plain("bytes", 8);
        Path bundle = res.resolve("ModelBundleFuzzTestInputs/loadFile/valid.tessera");
        Files.createDirectories(bundle.getParent());
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 4, 1, 1, 4), 1, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(), Map.of()).save(bundle);
        }
    }

    private static void write(Path p, byte[] data) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, data);
    }
}
