package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tessera.text.TestData;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Gpt2ParityTest {
    private static ByteLevelBpe gpt2;
    private static Encoding r50k;

    @BeforeAll
    static void load() throws Exception {
        gpt2 = Gpt2Vocabulary.load(TestData.gpt2Dir());
        r50k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
    }

    @Test
    void encode_committedSamples_equalsJtokkitR50kAndRoundTrips() throws Exception {
        List<String> samples = TestData.samples();
        for (int s = 0; s < samples.size(); s++) {
            String text = samples.get(s);
            int[] expected = r50k.encodeOrdinary(text).toArray();
            int[] ids = gpt2.encode(text, SpecialTokenPolicy.ENCODE_AS_TEXT);
            assertArrayEquals(expected, ids, "sample #" + s);
            assertEquals(text, gpt2.decode(ids), "round trip of sample #" + s);
            for (String line : text.split("\n")) {
                assertArrayEquals(r50k.encodeOrdinary(line).toArray(), gpt2.encode(line, SpecialTokenPolicy.ENCODE_AS_TEXT),
                        "line of sample #" + s + ": " + line);
            }
        }
    }

    @Test
    void encode_longPiecesAndRuns_equalJtokkit() {
        for (String s : List.of("a".repeat(1000), " ".repeat(777) + "x", "1234567890".repeat(90), "x\n".repeat(400),
                "ab".repeat(300) + " " + "\u00e9".repeat(300), "!!??".repeat(250))) {
            assertArrayEquals(r50k.encodeOrdinary(s).toArray(), gpt2.encode(s), () -> s.substring(0, 20));
        }
    }

    /** The whole corpus (opt-in: -Dtessera.fullCorpus=true; `tessera bench-tokenizer` also checks it). */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "tessera.fullCorpus", matches = "true")
    void encode_fullSotuAndTutorCorpus_equalsJtokkit() throws Exception {
        java.nio.file.Path root = TestData.projectDir().resolve("data/text");
        List<java.nio.file.Path> files = new java.util.ArrayList<>();
        try (var s = java.nio.file.Files.list(root.resolve("sotu"))) {
            s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
        }
        try (var s = java.nio.file.Files.list(root.resolve("tutor"))) {
            s.sorted().forEach(files::add);
        }
        assertTrue(files.size() > 250, "expected the fetched corpus, found " + files.size() + " files");
        for (java.nio.file.Path p : files) {
            String text = java.nio.file.Files.readString(p);
            int[] ids = gpt2.encode(text, SpecialTokenPolicy.ENCODE_AS_TEXT);
            assertArrayEquals(r50k.encodeOrdinary(text).toArray(), ids, p.toString());
            assertEquals(text, gpt2.decode(ids), p.toString());
        }
    }

    @Test
    void encode_knownGpt2Ids() {
        assertArrayEquals(r50k.encodeOrdinary("Hello world").toArray(), gpt2.encode("Hello world"));
        assertEquals(50257, gpt2.vocabularySize());
        assertEquals(50000, gpt2.mergeCount());
    }

    @Test
    void encodeBatch_onTwoThreads_equalsSequential() throws Exception {
        List<String> samples = TestData.samples();
        int[][] batch = gpt2.encodeBatch(samples, 2);
        for (int i = 0; i < samples.size(); i++) {
            assertArrayEquals(gpt2.encode(samples.get(i)), batch[i], "text #" + i);
        }
    }
}
