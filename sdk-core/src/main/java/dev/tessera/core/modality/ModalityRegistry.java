package dev.tessera.core.modality;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * An immutable snapshot of the known {@link ModalityProvider}s.
 *
 * <p>{@link #discover()} reads every provider on the class path through {@link ServiceLoader};
 * {@link #with(ModalityProvider)} returns a copy with one more provider (handy in tests and for
 * providers that are not on the class path). Two providers with one name are an error that names
 * both classes.
 */
public final class ModalityRegistry {
    private final Map<String, ModalityProvider> providers;

    private ModalityRegistry(Map<String, ModalityProvider> providers) {
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
    }

    /**
     * Returns an empty registry.
     *
     * @return a registry with no providers
     */
    public static ModalityRegistry empty() {
        return new ModalityRegistry(Map.of());
    }

    /**
     * Finds every provider on the class path of this class's loader.
     *
     * @return a registry of the discovered providers
     * @throws IllegalStateException if two providers share a name, or a jar on the class path lists a provider
     *     in {@code META-INF/services} that cannot be loaded (the message names it)
     */
    public static ModalityRegistry discover() {
        ModalityRegistry r = empty();
        try {
            for (ModalityProvider p : ServiceLoader.load(ModalityProvider.class, ModalityRegistry.class.getClassLoader())) {
                r = r.with(p);
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new IllegalStateException("a jar or folder on the class path lists a modality provider in "
                    + "META-INF/services/" + ModalityProvider.class.getName() + " that cannot be loaded: "
                    + e.getMessage() + " (remove the stale entry or add the jar that has the class)", e);
        }
        return r;
    }

    /**
     * Returns a copy of this registry with one more provider.
     *
     * @param provider the provider to add
     * @return a new registry
     * @throws IllegalStateException if a provider with the same name is already present
     */
    public ModalityRegistry with(ModalityProvider provider) {
        ModalityProvider old = providers.get(provider.name());
        if (old != null) {
            if (old.getClass() == provider.getClass()) {
                return this;
            }
            throw new IllegalStateException("two modality providers are named '" + provider.name() + "': "
                    + old.getClass().getName() + " and " + provider.getClass().getName());
        }
        Map<String, ModalityProvider> copy = new LinkedHashMap<>(providers);
        copy.put(provider.name(), provider);
        return new ModalityRegistry(copy);
    }

    /**
     * Returns the provider with a name.
     *
     * @param name the provider name
     * @return the provider
     * @throws IllegalArgumentException if no such provider is registered (the message lists those that are)
     */
    public ModalityProvider provider(String name) {
        ModalityProvider p = providers.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no modality provider named '" + name + "' on the class path; available: "
                    + new ArrayList<>(providers.keySet())
                    + ". Add the jar that provides it (META-INF/services/" + ModalityProvider.class.getName() + ").");
        }
        return p;
    }

    /**
     * Returns the names of all registered providers.
     *
     * @return provider names in registration order
     */
    public List<String> names() {
        return List.copyOf(providers.keySet());
    }
}
