package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TestData;
import dev.tessera.text.hf.HfTokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerJsonTest {
    private static ByteLevelBpe trained;
    private static List<String> texts;

    @BeforeAll
    static void setUp() throws Exception {
        trained = new BpeTrainer(BpeTrainingConfig.of(800)).train(TestData.samples());
        texts = new ArrayList<>(TestData.samples());
        Random rnd = new Random(11);
        for (int i = 0; i < 300; i++) {
            texts.add(TestData.randomUnicode(rnd, 30));
        }
        texts.add("Don't stop: it's 3.14 — naïve   spacing\n\n\ttabs 👍🏽 日本");
    }

    @Test
    void writeThenRead_givesTheSameTokenizer(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        HfTokenizerJson.write(trained, f);
        ByteLevelBpe back = HfTokenizerJson.read(f, SurrogatePolicy.REJECT);
        assertEquals(trained.vocabulary(), back.vocabulary());
        assertEquals(trained.specialTokens(), back.specialTokens());
        for (String t : texts) {
            assertArrayEquals(trained.encode(t), back.encode(t));
        }
    }

    @Test
    void tesseraWrittenFile_loadsInDjlHuggingFaceTokenizer_withTheSameIds(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("tokenizer.json");
        HfTokenizerJson.write(trained, f);
        try (HfTokenizer djl = HfTokenizer.load(f)) {
            assertEquals(trained.vocabularySize(), djl.vocabularySize());
            for (String t : texts) {
                int[] ids = trained.encode(t);
                assertArrayEquals(ids, djl.encode(t), () -> "text: " + t);
                assertEquals(t, djl.decode(ids));
            }
            int eot = trained.id("<|endoftext|>");
            assertArrayEquals(trained.encode("a<|endoftext|>b", SpecialTokenPolicy.ALLOW), djl.encode("a<|endoftext|>b"));
            assertTrue(contains(djl.encode("a<|endoftext|>b"), eot));
        }
    }

    @Test
    void gpt2WrittenAsTokenizerJson_givesGpt2IdsInDjl(@TempDir Path dir) throws Exception {
        ByteLevelBpe gpt2 = Gpt2Vocabulary.load(TestData.gpt2Dir());
        Path f = dir.resolve("gpt2.json");
        HfTokenizerJson.write(gpt2, f);
        assertTrue(Files.size(f) < 4_000_000);
        try (HfTokenizer djl = HfTokenizer.load(f)) {
            for (String t : TestData.samples()) {
                assertArrayEquals(gpt2.encode(t), djl.encode(t));
            }
        }
    }

    @Test
    void existingWordPieceTokenizerJson_loadsThroughDjl(@TempDir Path dir) throws Exception {
        byte[] json;
        try (var in = getClass().getResourceAsStream("/onnx/all-MiniLM-L6-v2/tokenizer.json")) {
            json = in.readAllBytes();
        }
        Path f = dir.resolve("tokenizer.json");
        Files.write(f, json);
        try (HfTokenizer bert = HfTokenizer.load(f)) {
            assertEquals(30522, bert.vocabularySize());
            String[] tokens = bert.tokens("Tokenizers are unaffable!");
            assertEquals(List.of("token", "##izer", "##s", "are", "una", "##ffa", "##ble", "!"), List.of(tokens));
            int[] ids = bert.encode("Tokenizers are unaffable!");
            assertEquals(tokens.length, ids.length, "no padding to 128, no [CLS]/[SEP]");
            assertEquals("tokenizers are unaffable!", bert.decode(ids));
        }
        // and Tessera's own reader refuses it with a clear reason instead of mis-tokenising
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class,
                () -> HfTokenizerJson.read(f, SurrogatePolicy.REJECT));
        assertTrue(e.getMessage().contains("WordPiece"), e.getMessage());
    }

    @Test
    void read_truncatedJson_namesFileAndLine(@TempDir Path dir) throws Exception {
        String json = HfTokenizerJson.toJson(trained);
        Path f = dir.resolve("cut.json");
        String cut = json.substring(0, json.length() / 2);
        Files.writeString(f, cut);
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class,
                () -> HfTokenizerJson.read(f, SurrogatePolicy.REJECT));
        assertEquals(f.toString(), e.file());
        long lines = cut.chars().filter(c -> c == '\n').count() + 1;
        assertTrue(e.line() >= lines - 1 && e.line() <= lines, "line " + e.line() + " of " + lines);
        assertTrue(e.getMessage().startsWith(f + ":" + e.line() + ":"), e.getMessage());
    }

    @Test
    void read_mergeNamingUnknownToken_namesTheMergesLine(@TempDir Path dir) throws Exception {
        String json = HfTokenizerJson.toJson(trained);
        String[] m = trained.mergeStrings().get(100);
        String bad = json.replace("\"" + m[0] + " " + m[1] + "\"", "\"" + m[0] + " zzqqxx\"");
        Path f = dir.resolve("bad.json");
        Files.writeString(f, bad);
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class,
                () -> HfTokenizerJson.read(f, SurrogatePolicy.REJECT));
        String[] lines = bad.split("\n", -1);
        assertTrue(lines[e.line() - 1].contains("zzqqxx"), "line " + e.line() + ": " + lines[e.line() - 1]);
        assertTrue(e.getMessage().contains("merge #100"), e.getMessage());
    }

    @Test
    void read_unsupportedSettings_rejected() {
        String json = HfTokenizerJson.toJson(trained);
        String prefix = json.replaceFirst("\"add_prefix_space\": false", "\"add_prefix_space\": true");
        MalformedVocabularyException e = assertThrows(MalformedVocabularyException.class,
                () -> HfTokenizerJson.parse(prefix, "x.json", SurrogatePolicy.REJECT));
        assertTrue(e.getMessage().contains("add_prefix_space"), e.getMessage());
        assertTrue(e.line() > 0);
        String noMerges = json.replaceAll("(?s)\"merges\": \\[.*?\\]", "\"merges\": []");
        e = assertThrows(MalformedVocabularyException.class,
                () -> HfTokenizerJson.parse(noMerges, "y.json", SurrogatePolicy.REJECT));
        assertTrue(e.getMessage().contains("missing merges"), e.getMessage());
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
