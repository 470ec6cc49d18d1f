package dev.tessera.vision.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.data.IdxReader;
import dev.tessera.vision.image.Images;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Fuzzes {@link IdxReader} and {@link Images#read(Path)}: a tensor or image, or a located {@link CorruptFileException}. */
class ImageFuzzTest {
    private static final String IDX = "fuzz.idx";

    @FuzzTest
    void idx(byte[] data) throws IOException {
        try {
            IdxReader.read(new ByteArrayInputStream(data), IDX);
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, IDX);
        }
    }

    @FuzzTest
    void png(byte[] data) throws IOException {
        Path f = FuzzSupport.file(data, "fuzz.png");
        try {
            Images.read(f);
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, f.toString());
        }
    }
}
