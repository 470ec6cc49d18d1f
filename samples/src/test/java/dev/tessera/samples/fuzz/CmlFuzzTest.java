package dev.tessera.samples.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.molecule.CmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Fuzzes {@link CmlReader}: any document gives a molecule or a located {@link CorruptFileException}. */
class CmlFuzzTest {
    private static final String SOURCE = "fuzz.cml";

    @FuzzTest
    void read(byte[] data) throws IOException {
        try {
            CmlReader.read(new ByteArrayInputStream(data), SOURCE, "fuzz");
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, SOURCE);
        }
    }
}
