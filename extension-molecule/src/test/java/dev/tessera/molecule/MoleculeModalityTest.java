package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoleculeModalityTest {

    @Test
    void serviceLoader_findsTheProviderByName() {
        assertInstanceOf(MoleculeModalityProvider.class, ModalityRegistry.discover().provider("molecule"));
    }

    @Test
    void saveAndLoad_restoreTheSameTokenizer() throws IOException {
        MoleculeTokenizerConfig c = new MoleculeTokenizerConfig(List.of("C", "O", "Cl"), 0.25, 8, 5, 3, false);
        MoleculeModality m = new MoleculeModality("mol", c);
        ModalityState state = new ModalityState("mol");
        m.save(state);
        Modality<?> back = ModalityRegistry.discover().provider(m.providerName()).load("mol", state);
        assertInstanceOf(MoleculeModality.class, back);
        assertEquals(c, ((MoleculeModality) back).config());
        assertEquals("mol", back.name());
        assertEquals(m.vocabularySize(), back.vocabularySize());
        Molecule fixture = MoleculeFixtures.fixture();
        assertArrayEquals(m.tokenizer().encode(fixture).tokens(),
                ((MoleculeModality) back).tokenizer().encode(fixture).tokens());
    }

    @Test
    void modelBundle_savesAndRestoresTheMoleculeModality(@TempDir Path dir)
            throws IOException {
        MoleculeModality m = MoleculeModality.standard();
        VocabularyLayout layout = VocabularyLayout.framed(
                new MoleculeTask(MoleculeTask.Options.standard()).vocabularies());
        Path file = dir.resolve("m.tessera");
        try (DecoderModel model = DecoderModel.create(
                ModelConfig.gpt2(layout.size(), 16, 1, 2, 16), 1, Device.cpu());
                ModelBundle b = ModelBundle.of(model, layout, List.of(m),
                        Map.of())) {
            b.save(file);
        }
        try (ModelBundle back = ModelBundle.load(file)) {
            Modality<Molecule> restored = back.modality("molecule", Molecule.class);
            assertEquals(m.config(), ((MoleculeModality) restored).config());
            Molecule fixture = MoleculeFixtures.fixture();
            assertArrayEquals(m.tokenizer().encode(fixture).tokens(), restored.tokenizer().encode(fixture).tokens());
        }
    }

    @Test
    void load_badState_namesTheEntry() {
        ModalityState empty = new ModalityState("molecule");
        IOException e = assertThrows(IOException.class, () -> new MoleculeModalityProvider().load("molecule", empty));
        assertTrue(e.getMessage().contains(MoleculeModality.CONFIG_ENTRY), e.getMessage());
        ModalityState bad = new ModalityState("molecule");
        bad.putString(MoleculeModality.CONFIG_ENTRY, "{\"elements\":[\"C\"],\"gridStep\":-1,\"halfX\":1,\"halfY\":1,"
                + "\"halfZ\":1,\"keepHydrogens\":false}");
        e = assertThrows(IOException.class, () -> new MoleculeModalityProvider().load("molecule", bad));
        assertTrue(e.getMessage().contains(MoleculeModality.CONFIG_ENTRY) && e.getMessage().contains("gridStep"),
                e.getMessage());
    }

    @Test
    void vocabulary_isElementsPlusThreeAxesOfSteps() {
        MoleculeTokenizerConfig c = MoleculeTokenizerConfig.standard();
        assertEquals(12 + 301 + 161 + 81, c.vocabularySize());
        assertEquals(12, c.axisOffset(0));
        assertEquals(12 + 301, c.axisOffset(1));
    }
}
