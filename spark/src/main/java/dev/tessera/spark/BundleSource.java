package dev.tessera.spark;

import dev.tessera.core.io.AtomicFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.broadcast.Broadcast;

/**
 * Where an executor finds a model file: a path every executor can read (a shared file system, or the
 * same path on every node), or the file's bytes in a Spark broadcast, written once per JVM to a
 * temporary file.
 */
public final class BundleSource implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<Long, Path> WRITTEN = new ConcurrentHashMap<>();

    private final String path;
    private final Broadcast<byte[]> bytes;

    private BundleSource(String path, Broadcast<byte[]> bytes) {
        this.path = path;
        this.bytes = bytes;
    }

    /**
     * A file read on each executor.
     *
     * @param path the file's path
     * @return the source
     */
    public static BundleSource path(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("bundle path is not set");
        }
        return new BundleSource(path, null);
    }

    /**
     * A file's bytes shipped to the executors as a broadcast.
     *
     * @param bytes the broadcast (of a whole {@code .tessera} file)
     * @return the source
     */
    public static BundleSource broadcast(Broadcast<byte[]> bytes) {
        return new BundleSource(null, bytes);
    }

    /** @return true when the model travels as broadcast bytes (such a stage cannot be saved) */
    public boolean isBroadcast() {
        return bytes != null;
    }

    /** @return a key that names the same model file in every task of one JVM */
    public String key() {
        if (bytes != null) {
            return "broadcast:" + bytes.id();
        }
        Path p = Path.of(path).toAbsolutePath().normalize();
        try {
            return p + "@" + Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("model bundle " + p + " is not readable on this executor", e);
        }
    }

    /**
     * The model file on this JVM's disk (for a broadcast, written on first use).
     *
     * @return the file
     */
    public Path localFile() {
        if (bytes == null) {
            return Path.of(path);
        }
        return WRITTEN.computeIfAbsent(bytes.id(), id -> {
            try {
                Path f = Files.createTempFile("tessera-broadcast-" + id + "-", ".tessera");
                f.toFile().deleteOnExit();
                AtomicFiles.write(f, bytes.value());
                return f;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write broadcast model " + id + " to a temporary file", e);
            }
        });
    }

    @Override
    public String toString() {
        return bytes != null ? "broadcast " + bytes.id() : path;
    }
}
