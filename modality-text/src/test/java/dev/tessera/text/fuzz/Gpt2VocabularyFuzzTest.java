package dev.tessera.text.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.MalformedVocabularyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link Gpt2Vocabulary#load(Path, Path, List, SurrogatePolicy)}: any {@code encoder.json}
 * and {@code vocab.bpe} give a tokenizer or an {@link IOException} naming one of the two files.
 */
class Gpt2VocabularyFuzzTest {

    /** The input is {@code encoder.json}, a NUL byte, then {@code vocab.bpe}. */
    @FuzzTest
    void load(byte[] data) throws IOException {
        int nul = FuzzSupport.indexOf(data, (byte) 0);
        byte[] encoder = Arrays.copyOfRange(data, 0, nul < 0 ? data.length : nul);
        byte[] merges = nul < 0 ? new byte[0] : Arrays.copyOfRange(data, nul + 1, data.length);
        Path enc = FuzzSupport.file(encoder, "encoder.json");
        Path bpe = FuzzSupport.file(merges, "vocab.bpe");
        try {
            Gpt2Vocabulary.load(enc, bpe, List.of(Gpt2Vocabulary.END_OF_TEXT), SurrogatePolicy.REJECT);
        } catch (MalformedVocabularyException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.contains(enc.toString()) && !m.contains(bpe.toString())) {
                throw new AssertionError("error names neither file: " + m, e);
            }
        }
    }
}
