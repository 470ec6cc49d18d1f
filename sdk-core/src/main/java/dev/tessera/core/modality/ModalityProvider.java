package dev.tessera.core.modality;

import java.io.IOException;

/**
 * Service-provider entry point of a modality, found by {@link java.util.ServiceLoader}.
 *
 * <p>A jar that adds a modality lists its provider class in
 * {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}. When a model bundle is
 * loaded, each saved modality names its provider, and the provider rebuilds the modality from the
 * entries it wrote with {@link Modality#save(ModalityState)}.
 */
public interface ModalityProvider {

    /**
     * Returns this provider's unique name (as returned by {@link Modality#providerName()}).
     *
     * @return the provider name
     */
    String name();

    /**
     * Rebuilds a modality from its saved state.
     *
     * @param modalityName the name the modality had in the saved layout
     * @param state the entries written by {@link Modality#save(ModalityState)}
     * @return the restored modality
     * @throws IOException if an entry is missing or malformed (the message names the entry)
     */
    Modality<?> load(String modalityName, ModalityState state) throws IOException;
}
