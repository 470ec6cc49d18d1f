package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.ModalityProvider;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The one thing a third-party extension must do to be found: ship a jar with a {@code META-INF/services} entry.
 * Run by failsafe after {@code package}, so the provider comes from the built jar, not from target/classes.
 */
@Tag("packaged-jar")
class ExtensionJarIT {

    @Test
    void theMoleculeProviderIsFoundOnTheClassPathFromTheExtensionsJar() {
        List<ModalityProvider> found = ServiceLoader.load(ModalityProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(MoleculeModalityProvider.NAME)).toList();
        assertEquals(1, found.size(), "providers named '" + MoleculeModalityProvider.NAME + "' on the class path");
        String where = found.get(0).getClass().getProtectionDomain().getCodeSource().getLocation().getPath();
        assertTrue(where.endsWith(".jar") && where.contains("extension-molecule"),
                "the provider was loaded from " + where + ", not from the extension's jar");
    }
}
