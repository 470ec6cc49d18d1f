package dev.tessera.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Helpers shared by the fuzz targets of every module: a scratch file per input, and the contract check. */
public final class FuzzSupport {
    private static final Path DIR = createDir();

    private FuzzSupport() { }

    private static Path createDir() {
        try {
            Path d = Files.createTempDirectory("tessera-fuzz");
            d.toFile().deleteOnExit();
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a fuzz input to a scratch file (one per name and thread), for readers that take a path.
     *
     * @param data the input
     * @param fileName the file name; its extension picks the reader where that matters
     * @return the file
     * @throws IOException if the scratch file cannot be written
     */
    public static Path file(byte[] data, String fileName) throws IOException {
        Path dir = DIR.resolve("t" + Thread.currentThread().getId());
        Files.createDirectories(dir);
        Path f = dir.resolve(fileName);
        Files.write(f, data);
        f.toFile().deleteOnExit();
        return f;
    }

    /**
     * The contract of every reader: a bad input is the documented exception, and its message names
     * the file (or entry) so a user can find what is wrong. Anything else is a finding.
     *
     * @param e the documented exception the reader threw
     * @param source the name the reader was given for the input
     * @throws AssertionError if the message is missing or does not name the source
     */
    public static void assertNamesSource(Exception e, String source) {
        String m = e.getMessage();
        if (m == null || !m.contains(source)) {
            throw new AssertionError("error message does not name the source '" + source + "': " + m, e);
        }
    }

    /**
     * Finds a byte, for targets whose input is two parts separated by NUL.
     *
     * @param data the input
     * @param b the byte
     * @return its first index, or -1
     */
    public static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
