package dev.tessera.molecule;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import java.io.IOException;

/**
 * Restores a {@link MoleculeModality} from a model bundle. Listed in
 * {@code META-INF/services/dev.tessera.core.modality.ModalityProvider} so that
 * {@link dev.tessera.core.modality.ModalityRegistry#discover()} finds it.
 */
public final class MoleculeModalityProvider implements ModalityProvider {
    /** The provider name saved with the modality. */
    public static final String NAME = "molecule";

    /** Creates the provider (ServiceLoader needs a public no-argument constructor). */
    public MoleculeModalityProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        try {
            // Gson fills records through their canonical constructor, so the config is validated here
            // (a failing constructor reaches us wrapped in a RuntimeException)
            MoleculeTokenizerConfig config = state.getJson(MoleculeModality.CONFIG_ENTRY, MoleculeTokenizerConfig.class);
            return new MoleculeModality(modalityName, config);
        } catch (RuntimeException e) {
            String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw new IOException("modality '" + modalityName + "': entry '" + MoleculeModality.CONFIG_ENTRY
                    + "' is not a valid molecule config: " + why, e);
        }
    }
}
