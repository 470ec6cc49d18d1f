package dev.tessera.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The models loaded in this JVM, one per model file and kind, shared by every task thread. A model
 * is loaded on first use ({@link ConcurrentHashMap#computeIfAbsent}: other threads asking for the same
 * model wait for that one load) and lives until the JVM exits; the loaded Tessera models are safe to
 * use from several threads at once.
 */
public final class ExecutorModels {
    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, Integer> LOADS = new ConcurrentHashMap<>();

    private ExecutorModels() { }

    /** Reads a model from a file. */
    @FunctionalInterface
    public interface Loader<T> {
        /**
         * Loads.
         *
         * @param file the model file
         * @return the model
         * @throws IOException if the file cannot be read or is not such a model
         */
        T load(Path file) throws IOException;
    }

    /**
     * The model of a source, loading it if this JVM has not yet.
     *
     * @param kind what the loader makes (part of the cache key)
     * @param source the model file
     * @param loader how to load it
     * @param <T> the model type
     * @return the shared model
     * @throws UncheckedIOException if loading fails (the message names the file)
     */
    @SuppressWarnings("unchecked")
    public static <T> T get(String kind, BundleSource source, Loader<T> loader) {
        String key = kind + ":" + source.key();
        return (T) LOADED.computeIfAbsent(key, k -> {
            try {
                T model = loader.load(source.localFile());
                LOADS.merge(k, 1, Integer::sum);
                return model;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + kind + " from " + source + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * How many times a model was loaded in this JVM (1 once used: for tests and diagnostics).
     *
     * @param kind the kind
     * @param source the source
     * @return the number of loads
     */
    public static int loads(String kind, BundleSource source) {
        return LOADS.getOrDefault(kind + ":" + source.key(), 0);
    }
}
