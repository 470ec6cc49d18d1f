package dev.tessera.samples.molecule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

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
