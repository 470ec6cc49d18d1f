package dev.tessera.text.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.text.TokenFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Fuzzes {@link TokenFiles#readIds(Path)}: any file gives ids or an {@link IOException} naming the file. */
class TokenIdsFuzzTest {

    @FuzzTest
    void readIds(byte[] data) throws IOException {
        Path f = FuzzSupport.file(data, "ids.txt");
        try {
            TokenFiles.readIds(f);
        } catch (IOException e) {
            FuzzSupport.assertNamesSource(e, f.toString());
        }
    }
}
