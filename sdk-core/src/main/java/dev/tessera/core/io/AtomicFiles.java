package dev.tessera.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic file writes: content goes to a temporary file in the target's folder, is flushed to
 * disk, and is then renamed over the target, and the folder is flushed so the rename itself is
 * durable; a reader never sees a half-written file and a crash never corrupts an existing one.
 * Temporary files of this target left by an earlier write that was killed
 * ({@code .NAME.*.tmp}) are deleted by the next write.
 *
 * <p>Thread-safety: writes of different targets may run concurrently; two concurrent writes of one
 * target are not supported (the later one may delete the other's temporary file, which then fails).
 */
public final class AtomicFiles {
    private AtomicFiles() { }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes content.
         *
         * @param out the stream to write to (do not close it)
         * @throws IOException on write failure
         */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a file atomically.
     *
     * @param target the file to create or replace
     * @param writer writes the content
     * @throws IOException if writing fails; the target is then left as it was
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String prefix = "." + abs.getFileName() + ".";
        removeStaleTemporaries(dir, prefix);
        Path tmp = Files.createTempFile(dir, prefix, ".tmp");
        boolean done = false;
        try {
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE);
                    OutputStream raw = java.nio.channels.Channels.newOutputStream(ch);
                    OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                // temporary files are created owner-only; give the result the usual rw-r--r--
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Deletes {@code PREFIX*.tmp} files in a folder: what a killed earlier write of the same target left. */
    private static void removeStaleTemporaries(Path dir, String prefix) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (java.nio.file.DirectoryStream<Path> stale = Files.newDirectoryStream(dir,
                p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(".tmp") && Files.isRegularFile(p);
                })) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Flushes a folder's entries (the rename) to disk. File systems that cannot open a folder for
     * reading (Windows) order renames themselves; there the call does nothing.
     */
    private static void syncDirectory(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        java.nio.channels.FileChannel ch;
        try {
            ch = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    /**
     * Writes bytes to a file atomically.
     *
     * @param target the file
     * @param bytes the content
     * @throws IOException on failure
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes a UTF-8 string to a file atomically.
     *
     * @param target the file
     * @param text the content
     * @throws IOException on failure
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
