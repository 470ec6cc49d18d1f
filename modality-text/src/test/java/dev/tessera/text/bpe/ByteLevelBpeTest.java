package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.MalformedTextException;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ByteLevelBpeTest {
    private static ByteLevelBpe trained;
    private static ByteLevelBpe gpt2;

    @BeforeAll
    static void setUp() throws Exception {
        trained = new BpeTrainer(BpeTrainingConfig.of(600)).train(TestData.samples());
        gpt2 = Gpt2Vocabulary.load(TestData.gpt2Dir());
    }

    @Test
    void decodeEncode_randomUnicode_roundTripsExactly() {
        Random rnd = new Random(7);
        for (int t = 0; t < 3000; t++) {
            String s = TestData.randomUnicode(rnd, 40);
            assertEquals(s, trained.decode(trained.encode(s)), "trained tokenizer");
            assertEquals(s, gpt2.decode(gpt2.encode(s)), "gpt-2");
            assertEquals(s, gpt2.decodeStrict(gpt2.encode(s)), "gpt-2 strict");
        }
    }

    @Test
    void encode_emojiCjkAndCombiningMarks_roundTrip() {
        String s = "naïve café (e\u0301) 👩🏽‍💻 日本語 한국어 \uD840\uDC00 Ǆ ﷺ 🇺🇳";
        int[] ids = gpt2.encode(s);
        assertEquals(s, gpt2.decode(ids));
        for (int id : ids) {
            assertTrue(id >= 0 && id < gpt2.vocabularySize());
        }
    }

    @Test
    void encode_loneSurrogate_rejectedWithItsIndex() {
        String s = "ab\uD83Dcd";
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> gpt2.encode(s));
        assertEquals(2, e.index());
        assertTrue(e.getMessage().contains("U+D83D"), e.getMessage());
        MalformedTextException e2 = assertThrows(MalformedTextException.class, () -> trained.encode("x y \uDC00"));
        assertEquals(4, e2.index());
    }

    @Test
    void encode_loneSurrogateWithReplacePolicy_decodesAsReplacementCharacter() {
        ByteLevelBpe r = gpt2.withSurrogatePolicy(SurrogatePolicy.REPLACE);
        assertEquals("ab\uFFFDcd \uFFFD\uFFFD😀", r.decode(r.encode("ab\uD83Dcd \uDE00\uD83D😀")));
        assertArrayEquals(r.encode("x\uFFFDy"), r.encode("x\uD800y"), "a lone surrogate encodes exactly as U+FFFD");
    }

    @Test
    void encode_specialToken_followsCallersPolicy() {
        String s = "end<|endoftext|>start";
        int eot = gpt2.id("<|endoftext|>");
        assertEquals(50256, eot);
        SpecialTokenException e = assertThrows(SpecialTokenException.class, () -> gpt2.encode(s, SpecialTokenPolicy.REJECT));
        assertEquals(3, e.index());
        int[] allowed = gpt2.encode(s, SpecialTokenPolicy.ALLOW);
        List<Integer> list = new ArrayList<>();
        for (int id : allowed) {
            list.add(id);
        }
        assertEquals(1, list.stream().filter(i -> i == eot).count());
        int[] expected = concat(gpt2.encode("end"), new int[] {eot}, gpt2.encode("start"));
        assertArrayEquals(expected, allowed);
        int[] asText = gpt2.encode(s, SpecialTokenPolicy.ENCODE_AS_TEXT);
        assertTrue(list.size() < asText.length);
        for (int id : asText) {
            assertTrue(id != eot, "ENCODE_AS_TEXT never emits the special id");
        }
        assertEquals(s, gpt2.decode(allowed));
        assertEquals(s, gpt2.decode(asText));
    }

    @Test
    void decode_unknownId_throwsWithPosition() {
        UnknownTokenException e = assertThrows(UnknownTokenException.class, () -> gpt2.decode(new int[] {1, 2, 50257}));
        assertEquals(2, e.position());
        assertThrows(UnknownTokenException.class, () -> trained.decode(new int[] {-1}));
    }

    @Test
    void decodeStrict_cutInsideCharacter_reportsByteOffset() {
        int[] ids = gpt2.encode("a😀");
        // byte tokens of the emoji's first two bytes only
        int[] partial = {gpt2.encode("a")[0], gpt2.id(String.valueOf(ByteLevelAlphabet.charOf(0xF0))),
            gpt2.id(String.valueOf(ByteLevelAlphabet.charOf(0x9F)))};
        MalformedTextException e = assertThrows(MalformedTextException.class, () -> gpt2.decodeStrict(partial));
        assertEquals(1, e.index());
        assertEquals("a\uFFFD", gpt2.decode(partial));
        assertEquals("a😀", gpt2.decodeStrict(ids));
    }

    @Test
    void encode_longPieces_matchPieceByPieceEncoding() {
        String spaces = " ".repeat(300) + "x";
        String digits = "1234567890".repeat(30);
        for (String s : List.of(spaces, digits, "a".repeat(500))) {
            assertEquals(s, gpt2.decode(gpt2.encode(s)));
            assertArrayEquals(gpt2.encode(s), gpt2.encode(s), "deterministic");
        }
    }

    @Test
    void mergeLong_equalsTheSimpleLoop_onRandomPieces() {
        Random rnd = new Random(21);
        String[] alphabets = {"ab", "abcdefghijklmnopqrstuvwxyz", "0123456789", " ", "éèêàçñ", "thequickbrownfox"};
        for (int t = 0; t < 300; t++) {
            String alpha = alphabets[rnd.nextInt(alphabets.length)];
            StringBuilder sb = new StringBuilder();
            int len = 2 + rnd.nextInt(400);
            for (int i = 0; i < len; i++) {
                sb.append(alpha.charAt(rnd.nextInt(alpha.length())));
            }
            byte[] b = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int[] a1 = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                a1[i] = gpt2.id(String.valueOf(ByteLevelAlphabet.charOf(b[i])));
            }
            int[] a2 = a1.clone();
            int n1 = gpt2.mergeShort(a1, a1.length, new int[a1.length]);
            int n2 = gpt2.mergeLong(a2, a2.length);
            assertArrayEquals(java.util.Arrays.copyOf(a1, n1), java.util.Arrays.copyOf(a2, n2), sb::toString);
        }
    }

    @Test
    void encode_hugeSinglePiece_isFastAndRoundTrips() {
        String letters = "abcdefghij".repeat(20_000); // one 200 000-letter piece
        long t0 = System.nanoTime();
        int[] ids = gpt2.encode(letters);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(letters, gpt2.decode(ids));
        assertTrue(s < 20, "took " + s + " s"); // the quadratic loop needs minutes here; a loose bound against regressions
    }

    @Test
    void encodeBatch_equalsOneByOne_andNamesTheFailingText() {
        Random rnd = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(TestData.randomUnicode(rnd, 60));
        }
        int[][] batch = trained.encodeBatch(texts, 2);
        for (int i = 0; i < texts.size(); i++) {
            assertArrayEquals(trained.encode(texts.get(i)), batch[i]);
        }
        texts.set(57, "bad \uD800");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trained.encodeBatch(texts, 2));
        assertTrue(e.getMessage().contains("text #57"), e.getMessage());
    }

    @Test
    void of_vocabularyWithoutAllBytes_rejected() {
        List<String> vocab = new ArrayList<>();
        for (int b = 0; b < 255; b++) {
            vocab.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        vocab.add("ab");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ByteLevelBpe.of(vocab, List.of(), List.of(), SurrogatePolicy.REJECT));
        assertTrue(e.getMessage().contains("0xFF"), e.getMessage());
    }

    private static int[] concat(int[]... parts) {
        int n = 0;
        for (int[] p : parts) {
            n += p.length;
        }
        int[] out = new int[n];
        int k = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }
}
