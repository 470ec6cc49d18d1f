package dev.tessera.samples.molecule;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityState;

/**
 * The molecule modality: a {@link MoleculeTokenizer} and its {@link MoleculeDetokenizer} over one
 * {@link MoleculeTokenizerConfig}, which is all the state a model bundle needs to rebuild it (saved as
 * {@value #CONFIG_ENTRY} and read back by {@link MoleculeModalityProvider}).
 */
public final class MoleculeModality implements Modality<Molecule> {
    /** The state entry holding the config as JSON. */
    public static final String CONFIG_ENTRY = "molecule-tokenizer.json";

    private final String name;
    private final MoleculeTokenizerConfig config;
    private final MoleculeTokenizer tokenizer;
    private final MoleculeDetokenizer detokenizer;

    /**
     * Creates the modality.
     *
     * @param name the modality name in the layout (usually {@code "molecule"})
     * @param config the tokenizer settings
     */
    public MoleculeModality(String name, MoleculeTokenizerConfig config) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("modality name '" + name + "' must match [a-z][a-z0-9_-]*");
        }
        this.name = name;
        this.config = config;
        this.tokenizer = new MoleculeTokenizer(name, config);
        this.detokenizer = new MoleculeDetokenizer(name, config);
    }

    /** @return the modality with the standard config, named {@code "molecule"} */
    public static MoleculeModality standard() {
        return new MoleculeModality("molecule", MoleculeTokenizerConfig.standard());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<Molecule> type() {
        return Molecule.class;
    }

    @Override
    public MoleculeTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public MoleculeDetokenizer detokenizer() {
        return detokenizer;
    }

    /** @return the settings */
    public MoleculeTokenizerConfig config() {
        return config;
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
