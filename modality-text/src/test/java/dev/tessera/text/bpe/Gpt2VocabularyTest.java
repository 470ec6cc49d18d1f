package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small synthetic GPT-2-format files, broken in the ways real files get broken. */
class Gpt2VocabularyTest {

    /** encoder.json with the 256 byte tokens, then "he", "ll", "hell", "hello", "<|endoftext|>". */
    private static Map<String, Integer> encoder() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            m.put(String.valueOf(ByteLevelAlphabet.charOf(b)), b);
        }
        for (String t : List.of("he", "ll", "hell", "hello", "<|endoftext|>")) {
            m.put(t, m.size());
        }
        return m;
    }

    private static final List<String> MERGES = List.of("#version: 0.2", "h e", "l l", "he ll", "hell o");

    private static Path write(Path dir, Map<String, Integer> enc, List<String> merges) throws Exception {
        Files.writeString(dir.resolve("encoder.json"), new Gson().toJson(enc));
        Files.write(dir.resolve("vocab.bpe"), merges);
        return dir;
    }

    @Test
    void load_wellFormedFiles_mergesByRank(@TempDir Path dir) throws Exception {
        ByteLevelBpe bpe = Gpt2Vocabulary.load(write(dir, encoder(), MERGES));
        assertArrayEquals(new int[] {259}, bpe.encode("hello"));
        assertArrayEquals(new int[] {258, (int) ByteLevelAlphabet.charOf(0x70)}, bpe.encode("hellp"));
        assertEquals(List.of("<|endoftext|>"), bpe.specialTokens());
    }

    @Test
    void load_truncatedJson_namesFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, encoder(), MERGES);
        Path enc = dir.resolve("encoder.json");
        String json = Files.readString(enc);
        Files.writeString(enc, json.substring(0, json.length() - 40));
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertEquals(enc.toString(), e.file());
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void load_mergeNamingUnknownToken_namesMergesFileAndLine(@TempDir Path dir) throws Exception {
        List<String> merges = new ArrayList<>(MERGES);
        merges.set(3, "he lX");
        write(dir, encoder(), merges);
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertEquals(dir.resolve("vocab.bpe").toString(), e.file());
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("'lX'"), e.getMessage());
    }

    @Test
    void load_mergeProducingUnknownToken_namesTheLine(@TempDir Path dir) throws Exception {
        List<String> merges = new ArrayList<>(MERGES);
        merges.add("o h");
        write(dir, encoder(), merges);
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("'oh'"), e.getMessage());
    }

    @Test
    void load_missingMerges_saysWhichTokenHasNoMerge(@TempDir Path dir) throws Exception {
        write(dir, encoder(), MERGES.subList(0, 3)); // truncated: "he ll" and "hell o" are gone
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertEquals(dir.resolve("vocab.bpe").toString(), e.file());
        assertTrue(e.getMessage().contains("missing merges") && e.getMessage().contains("'hell'"), e.getMessage());
        assertEquals(3, e.line());
        write(dir, encoder(), List.of("#version: 0.2"));
        e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertTrue(e.getMessage().contains("no merge lines"), e.getMessage());
    }

    @Test
    void load_malformedMergeLine_namesTheLine(@TempDir Path dir) throws Exception {
        List<String> merges = new ArrayList<>(MERGES);
        merges.set(2, "l l l");
        write(dir, encoder(), merges);
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertEquals(3, e.line());
    }

    @Test
    void load_nonIntegerOrDuplicateIds_rejected(@TempDir Path dir) throws Exception {
        write(dir, encoder(), MERGES);
        Path enc = dir.resolve("encoder.json");
        Files.writeString(enc, Files.readString(enc).replace("\"hell\":258", "\"hell\":\"x\""));
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertTrue(e.getMessage().contains("'hell'"), e.getMessage());
        Map<String, Integer> dup = encoder();
        dup.put("hell", 257);
        write(dir, dup, MERGES);
        e = assertThrows(MalformedVocabularyException.class, () -> Gpt2Vocabulary.load(dir));
        assertTrue(e.getMessage().contains("share id 257") || e.getMessage().contains("not contiguous"), e.getMessage());
    }

    @Test
    void load_missingFile_namesIt(@TempDir Path dir) {
        Exception e = assertThrows(java.nio.file.NoSuchFileException.class, () -> Gpt2Vocabulary.load(dir));
        assertTrue(e.getMessage().contains("encoder.json"), e.getMessage());
    }
}
