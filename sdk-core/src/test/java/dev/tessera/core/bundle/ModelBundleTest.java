package dev.tessera.core.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.VocabularyLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ModelBundleTest {

    /** A toy modality: lower-case letters, with the alphabet as saved state. */
    public static final class Letters implements Modality<String> {
        final String alphabet;

        /** @param alphabet the letters, in id order */
        public Letters(String alphabet) {
            this.alphabet = alphabet;
        }

        public String name() {
            return "letters";
        }

        public Class<String> type() {
            return String.class;
        }

        public ModalityTokenizer<String> tokenizer() {
            return new ModalityTokenizer<>() {
                public String modality() {
                    return "letters";
                }

                public int vocabularySize() {
                    return alphabet.length();
                }

                public Segment encode(String s) {
                    return new Segment("letters", s.chars().map(alphabet::indexOf).toArray());
                }
            };
        }

        public ModalityDetokenizer<String> detokenizer() {
            return new ModalityDetokenizer<>() {
                public String modality() {
                    return "letters";
                }

                public String decode(Segment s) {
                    StringBuilder b = new StringBuilder();
                    for (int t : s.tokens()) {
                        b.append(alphabet.charAt(t));
                    }
                    return b.toString();
                }
            };
        }

        public String providerName() {
            return "letters";
        }

        public void save(ModalityState state) {
            state.putString("alphabet.txt", alphabet);
        }
    }

    /** Restores {@link Letters}. */
    public static final class LettersProvider implements ModalityProvider {
        public String name() {
            return "letters";
        }

        public Modality<?> load(String name, ModalityState state) throws IOException {
            return new Letters(state.getString("alphabet.txt"));
        }
    }

    static VocabularyLayout layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("letters", 26);
        return VocabularyLayout.framed(m);
    }

    static float[] logits(DecoderModel m) {
        try (NDManager s = NDManager.newBaseManager()) {
            return m.logits(m.forward(s.create(new int[] {0, 2, 10, 11, 12}, new Shape(1, 5)), null)).toFloatArray();
        }
    }

    @Test
    void saveThenLoad_givesBitIdenticalLogits_andRestoresTheModality(@TempDir Path dir) throws Exception {
        VocabularyLayout layout = layout();
        Path file = dir.resolve("m.tessera");
        float[] before;
        try (DecoderModel m = DecoderModel.create(ModelConfig.modern(layout.size(), 16, 2, 2, 16), 3, Device.cpu())) {
            before = logits(m);
            ModelBundle.of(m, layout, List.of(new Letters("abcdefghijklmnopqrstuvwxyz")), Map.of("note", "hi")).save(file);
        }
        ModalityRegistry reg = ModalityRegistry.empty().with(new LettersProvider());
        try (ModelBundle b = ModelBundle.load(file, reg, Device.cpu())) {
            assertArrayEquals(before, logits(b.model()));
            assertEquals(layout, b.layout());
            assertEquals("hi", b.metadata().get("note"));
            Modality<String> letters = b.modality("letters", String.class);
            assertEquals("tessera", letters.detokenizer().decode(letters.tokenizer().encode("tessera")));
        }
    }

    @Test
    void truncatedBundle_givesACorruptFileError_neverACrash(@TempDir Path dir) throws Exception {
        VocabularyLayout layout = layout();
        Path file = dir.resolve("m.tessera");
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 16, 1, 2, 16), 3, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(), Map.of()).save(file);
        }
        byte[] all = Files.readAllBytes(file);
        for (int cut : new int[] {10, all.length / 3, all.length / 2, all.length - 30}) {
            Path t = dir.resolve("cut" + cut + ".tessera");
            Files.write(t, java.util.Arrays.copyOf(all, cut));
            IOException e = assertThrows(IOException.class, () -> ModelBundle.load(t, ModalityRegistry.empty(), Device.cpu()));
            assertTrue(e.getMessage().contains(t.toString()), "message must name the file: " + e.getMessage());
        }
    }

    @Test
    void missingProvider_listsTheAvailableOnes(@TempDir Path dir) throws Exception {
        VocabularyLayout layout = layout();
        Path file = dir.resolve("m.tessera");
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 16, 1, 2, 16), 3, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(new Letters("abcdefghijklmnopqrstuvwxyz")), Map.of()).save(file);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelBundle.load(file, ModalityRegistry.empty(), Device.cpu()));
        assertTrue(e.getMessage().contains("no modality provider named 'letters'"), e.getMessage());
    }

    @Test
    void saveOverAnExistingFile_isAtomic_noTemporaryFilesRemain(@TempDir Path dir) throws Exception {
        VocabularyLayout layout = layout();
        Path file = dir.resolve("m.tessera");
        Files.writeString(file, "old content");
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 16, 1, 2, 16), 3, Device.cpu())) {
            ModelBundle.of(m, layout, List.of(), Map.of()).save(file);
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        try (ModelBundle b = ModelBundle.load(file, ModalityRegistry.empty(), Device.cpu())) {
            assertEquals(1, b.model().config().layers());
        }
    }
}
