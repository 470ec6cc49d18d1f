package dev.tessera.molecule;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityState;

/**
 * The molecule modality: a {@link MoleculeTokenizer} and its {@link MoleculeDetokenizer} over one
 * {@link MoleculeTokenizerConfig}, which is all the state a model bundle needs to rebuild it (saved as
 * {@value #CONFIG_ENTRY} and read back by {@link MoleculeModalityProvider}). Immutable and thread-safe.
 *
 * @param name the modality name in the layout (usually {@code "molecule"})
 * @param config the tokenizer settings
 */
public record MoleculeModality(String name, MoleculeTokenizerConfig config) implements Modality<Molecule> {
    /** The state entry holding the config as JSON. */
    public static final String CONFIG_ENTRY = "molecule-tokenizer.json";

    /** Checks the name. */
    public MoleculeModality {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("modality name '" + name + "' must match [a-z][a-z0-9_-]*");
        }
        java.util.Objects.requireNonNull(config, "config");
    }

    /** @return the modality with the standard config, named {@code "molecule"} */
    public static MoleculeModality standard() {
        return new MoleculeModality("molecule", MoleculeTokenizerConfig.standard());
    }

    @Override
    public Class<Molecule> type() {
        return Molecule.class;
    }

    @Override
    public MoleculeTokenizer tokenizer() {
        return new MoleculeTokenizer(name, config);
    }

    @Override
    public MoleculeDetokenizer detokenizer() {
        return new MoleculeDetokenizer(name, config);
    }

    @Override
    public String providerName() {
        return MoleculeModalityProvider.NAME;
    }

    @Override
    public void save(ModalityState state) {
        state.putJson(CONFIG_ENTRY, config);
    }
}
