package dev.tessera.text.bpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
