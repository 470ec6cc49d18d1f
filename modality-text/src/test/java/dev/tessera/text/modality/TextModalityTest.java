package dev.tessera.text.modality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.token.Segment;
import dev.tessera.text.MalformedTextException;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TestData;
import dev.tessera.text.bpe.BpeTrainer;
import dev.tessera.text.bpe.BpeTrainingConfig;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.chars.ByteTokenizer;
import dev.tessera.text.chars.CharTokenizer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextModalityTest {

    private static TextModality restore(TextModality m) throws IOException {
        ModalityState state = new ModalityState(m.name());
        m.save(state);
        Modality<?> back = ModalityRegistry.discover().provider(m.providerName()).load(m.name(), state);
        return (TextModality) back;
    }

    @Test
    void provider_isFoundByServiceLoader() {
        assertTrue(ModalityRegistry.discover().names().contains("text"));
        assertTrue(ModalityRegistry.discover().provider("text") instanceof TextModalityProvider);
    }

    @Test
    void bpeModality_saveAndRestore_givesTheSameIds() throws Exception {
        TextModality m = TextModality.of("text", new BpeTrainer(BpeTrainingConfig.of(500)).train(TestData.samples()))
                .withSpecialTokens(SpecialTokenPolicy.ALLOW);
        TextModality back = restore(m);
        assertEquals(500, back.vocabularySize());
        assertEquals(SpecialTokenPolicy.ALLOW, back.specialTokenPolicy());
        for (String t : List.of("Fellow-Citizens of the Senate", "日本語 👍🏽", "x<|endoftext|>y")) {
            Segment a = m.tokenizer().encode(t);
            Segment b = back.tokenizer().encode(t);
            assertEquals("text", b.modality());
            assertArrayEquals(a.tokens(), b.tokens());
            assertEquals(t, back.detokenizer().decode(b));
        }
    }

    @Test
    void charModality_saveAndRestore_keepsTheAlphabet() throws Exception {
        TextModality m = TextModality.of("arith", CharTokenizer.of("0123456789+=$ é😀"));
        ModalityState state = new ModalityState("arith");
        m.save(state);
        assertTrue(state.has("alphabet.json"));
        TextModality back = restore(m);
        assertEquals(16, back.vocabularySize());
        assertArrayEquals(m.tokenizer().encode("12+7=😀é").tokens(), back.tokenizer().encode("12+7=😀é").tokens());
        assertThrows(MalformedTextException.class, () -> back.tokenizer().encode("12-7"));
    }

    @Test
    void byteModality_saveAndRestore_keepsTheSurrogatePolicy() throws Exception {
        TextModality m = TextModality.of("bytes", new ByteTokenizer(SurrogatePolicy.REPLACE));
        TextModality back = restore(m);
        assertEquals(256, back.vocabularySize());
        assertEquals("a\uFFFDb", back.detokenizer().decode(back.tokenizer().encode("a\uD800b")));
    }

    @Test
    void restore_corruptState_namesTheEntry() {
        ModalityState state = new ModalityState("text");
        state.putString("text.json", "{\"kind\":\"bpe\",\"surrogates\":\"REJECT\",\"specialTokens\":\"REJECT\",\"vocabularySize\":300}");
        state.putString("tokenizer.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {");
        IOException e = assertThrows(IOException.class, () -> new TextModalityProvider().load("text", state));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
        ModalityState s2 = new ModalityState("text");
        s2.putString("text.json", "{\"kind\":\"wordpiece\",\"surrogates\":\"REJECT\",\"specialTokens\":\"REJECT\",\"vocabularySize\":3}");
        e = assertThrows(IOException.class, () -> new TextModalityProvider().load("text", s2));
        assertTrue(e.getMessage().contains("wordpiece"), e.getMessage());
    }

    @Test
    void detokenizer_segmentOfAnotherModality_rejected() {
        TextModality m = TextModality.of("text", new ByteTokenizer(SurrogatePolicy.REJECT));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.detokenizer().decode(new Segment("image", new int[] {1})));
        assertTrue(e.getMessage().contains("image"), e.getMessage());
    }
}
