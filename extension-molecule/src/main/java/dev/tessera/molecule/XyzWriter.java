package dev.tessera.molecule;

import dev.tessera.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes molecules in the plain XYZ format: the atom count, a comment line (the name), then one line
 * per atom with its element symbol and x, y, z in ångström. Files are written atomically.
 */
public final class XyzWriter {
    private XyzWriter() { }

    /**
     * Formats a molecule as XYZ text.
     *
     * @param m the molecule
     * @return the text, ending with a newline
     */
    public static String format(Molecule m) {
        StringBuilder sb = new StringBuilder();
        sb.append(m.size()).append('\n');
        sb.append(m.name().replace('\n', ' ')).append('\n');
        for (Atom a : m.atoms()) {
            sb.append(String.format(Locale.ROOT, "%-2s %12.6f %12.6f %12.6f%n", a.element(), a.x(), a.y(), a.z()));
        }
        return sb.toString();
    }

    /**
     * Writes a molecule to an XYZ file (temporary file + rename).
     *
     * @param file the target
     * @param m the molecule
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, Molecule m) throws IOException {
        AtomicFiles.writeString(file, format(m));
    }
}
