package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The extension is written as a third party would: the public packages of sdk-core and of the shared byte-text
 * modality (modality-text), the JDK and DJL types only; its pom depends on nothing else of Tessera.
 */
class PublicApiOnlyTest {
    private static final List<String> ALLOWED = List.of("java.", "javax.xml.", "org.w3c.dom.", "org.xml.sax.",
            "ai.djl.Device", "ai.djl.ndarray.NDManager", "dev.tessera.core.", "dev.tessera.text.", "dev.tessera.molecule.");

    @Test
    void sources_referenceOnlyPublicCoreApiAndNoOtherModality() throws IOException {
        Path dir = Path.of("src/main/java/dev/tessera/molecule");
        assertTrue(Files.isDirectory(dir), "source folder " + dir.toAbsolutePath());
        Pattern imp = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        Pattern qualified = Pattern.compile("\\b(dev\\.tessera\\.[a-z][\\w.]*)");
        List<String> bad = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files++;
                String src = Files.readString(f);
                Matcher m = imp.matcher(src);
                while (m.find()) {
                    String name = m.group(2);
                    if (ALLOWED.stream().noneMatch(name::startsWith) || name.contains(".internal.")) {
                        bad.add(f.getFileName() + ": import " + name);
                    }
                }
                Matcher q = qualified.matcher(src);
                while (q.find()) {
                    String name = q.group(1);
                    if (!(name.startsWith("dev.tessera.core.") || name.startsWith("dev.tessera.text.")
                            || name.startsWith("dev.tessera.molecule"))
                            || name.contains(".internal")) {
                        bad.add(f.getFileName() + ": reference " + name);
                    }
                }
            }
        }
        assertTrue(files >= 10, "found the molecule sources (" + files + ")");
        assertTrue(bad.isEmpty(), "non-public or foreign references: " + bad);
    }
}
