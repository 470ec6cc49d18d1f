package dev.tessera.text.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.MalformedVocabularyException;
import java.nio.charset.StandardCharsets;

/** Fuzzes {@link HfTokenizerJson#parse}: any text gives a tokenizer or a located {@link MalformedVocabularyException}. */
class TokenizerJsonFuzzTest {
    private static final String SOURCE = "fuzz/tokenizer.json";

    @FuzzTest
    void parse(byte[] data) {
        ByteLevelBpe bpe;
        try {
            bpe = HfTokenizerJson.parse(new String(data, StandardCharsets.UTF_8), SOURCE, SurrogatePolicy.REJECT);
        } catch (MalformedVocabularyException e) {
            FuzzSupport.assertNamesSource(e, SOURCE);
            return;
        }
        // an accepted tokenizer round-trips any text exactly
        String text = "fuzz: h\u00e9llo w\u00f6rld 123";
        String back = bpe.decode(bpe.encode(text));
        if (!back.equals(text)) {
            throw new AssertionError("accepted tokenizer does not round-trip: '" + back + "'");
        }
    }
}
