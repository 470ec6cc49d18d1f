package dev.tessera.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.bundle.ModelBundle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Fuzzes {@link ModelBundle#load(Path)}: any file, and any {@code config.json} and weights inside a
 * well-formed zip, give a bundle or a located {@link CorruptFileException}.
 */
class ModelBundleFuzzTest {

    /** The raw file: zip structure, entry sizes and CRCs are mutated. */
    @FuzzTest
    void loadFile(byte[] data) throws Exception {
        load(FuzzSupport.file(data, "fuzz.tessera"));
    }

    /**
     * A valid zip around mutated entries, so the fuzzer reaches the config and weight checks: the
     * input is {@code config.json}, a NUL byte, then {@code model.safetensors}.
     */
    @FuzzTest
    void loadEntries(byte[] data) throws Exception {
        int nul = FuzzSupport.indexOf(data, (byte) 0);
        byte[] config = java.util.Arrays.copyOfRange(data, 0, nul < 0 ? data.length : nul);
        byte[] weights = nul < 0 ? new byte[0] : java.util.Arrays.copyOfRange(data, nul + 1, data.length);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bos)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(config);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("model.safetensors"));
            zip.write(weights);
            zip.closeEntry();
        }
        load(FuzzSupport.file(bos.toByteArray(), "fuzz.tessera"));
    }

    private static void load(Path file) throws IOException {
        try (ModelBundle b = ModelBundle.load(file)) {
            b.model().config();
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, file.toString());
        }
    }
}
