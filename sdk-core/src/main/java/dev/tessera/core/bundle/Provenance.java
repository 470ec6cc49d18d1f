package dev.tessera.core.bundle;

import dev.tessera.core.TesseraVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a saved model was made: the SDK version and commit that trained it, when, on which JVM, by which
 * command, with which seed and for how many steps, from which data (SHA-256 digests) and with which results.
 * Every pipeline that saves a {@link ModelBundle} records one; {@link ModelBundle#provenance()} reads it back.
 *
 * <p>It is stored in the bundle's metadata under fixed keys ({@code made_by}, {@code sdk_version}, {@code commit},
 * {@code created}, {@code jvm}, {@code steps}, {@code seed}, {@code data.<name>}, {@code metric.<name>}), so a
 * bundle written before this record existed still reads (its missing fields are {@value #UNKNOWN}).
 *
 * <pre>{@code
 * // given: Path corpusFile, DecoderModel model, VocabularyLayout layout, List<Modality<?>> modalities, Path out
 * Provenance p = Provenance.begin("my-trainer").withSeed(7).withSteps(2000)
 *         .withData("corpus", Provenance.sha256(corpusFile)).withMetric("val_bpc", 1.42);
 * Map<String, String> meta = new LinkedHashMap<>(p.toMetadata());
 * ModelBundle.of(model, layout, modalities, meta).save(out);
 * }</pre>
 *
 * @param madeBy the command or program that trained the model
 * @param sdkVersion the Tessera version
 * @param commit the commit the SDK was built from
 * @param created when training finished (ISO-8601, UTC, seconds)
 * @param jvm the JVM's name and version
 * @param steps training steps (0 if not trained here, e.g. imported)
 * @param seed the training seed, or {@value #UNKNOWN}
 * @param data name to SHA-256 digest (or another description) of each data set trained on
 * @param metrics name to value of each metric measured at the end of training
 */
public record Provenance(String madeBy, String sdkVersion, String commit, String created, String jvm, long steps,
        String seed, Map<String, String> data, Map<String, String> metrics) {
    /** What a field reads when the bundle does not record it. */
    public static final String UNKNOWN = "unknown";
    private static final String DATA = "data.";
    private static final String METRIC = "metric.";

    /** Copies the maps (sorted by name, so two saves of the same model write the same metadata). */
    public Provenance {
        data = Map.copyOf(new TreeMap<>(data));
        metrics = Map.copyOf(new TreeMap<>(metrics));
    }

    /**
     * Starts a record for a model trained now by this SDK and JVM.
     *
     * @param madeBy the command or program, e.g. {@code "tessera train-text"}
     * @return the record, with no steps, seed, data or metrics yet
     */
    public static Provenance begin(String madeBy) {
        TesseraVersion v = TesseraVersion.current();
        return new Provenance(madeBy, v.version(), v.commit(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), 0, UNKNOWN,
                Map.of(), Map.of());
    }

    /**
     * @param n training steps
     * @return a copy with the steps
     */
    public Provenance withSteps(long n) {
        return new Provenance(madeBy, sdkVersion, commit, created, jvm, n, seed, data, metrics);
    }

    /**
     * @param s the training seed
     * @return a copy with the seed
     */
    public Provenance withSeed(long s) {
        return new Provenance(madeBy, sdkVersion, commit, created, jvm, steps, Long.toString(s), data, metrics);
    }

    /**
     * @param name the data set's name
     * @param digest its digest ({@link #sha256}) or another description of exactly what was used
     * @return a copy with the data set added
     */
    public Provenance withData(String name, String digest) {
        Map<String, String> d = new LinkedHashMap<>(data);
        d.put(name, digest);
        return new Provenance(madeBy, sdkVersion, commit, created, jvm, steps, seed, d, metrics);
    }

    /**
     * @param name the metric's name
     * @param value its value
     * @return a copy with the metric added
     */
    public Provenance withMetric(String name, double value) {
        Map<String, String> m = new LinkedHashMap<>(metrics);
        m.put(name, Double.toString(value));
        return new Provenance(madeBy, sdkVersion, commit, created, jvm, steps, seed, data, m);
    }

    /** @return the record as bundle metadata entries, in a fixed order */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("made_by", madeBy);
        m.put("sdk_version", sdkVersion);
        m.put("commit", commit);
        m.put("created", created);
        m.put("jvm", jvm);
        m.put("steps", Long.toString(steps));
        m.put("seed", seed);
        data.forEach((k, v) -> m.put(DATA + k, v));
        metrics.forEach((k, v) -> m.put(METRIC + k, v));
        return m;
    }

    /**
     * Reads the record from bundle metadata; fields the metadata lacks are {@value #UNKNOWN} (steps 0).
     *
     * @param metadata a bundle's metadata
     * @return the record
     */
    public static Provenance fromMetadata(Map<String, String> metadata) {
        Map<String, String> d = new LinkedHashMap<>();
        Map<String, String> m = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k.startsWith(DATA)) {
                d.put(k.substring(DATA.length()), v);
            } else if (k.startsWith(METRIC)) {
                m.put(k.substring(METRIC.length()), v);
            }
        });
        long steps;
        try {
            steps = Long.parseLong(metadata.getOrDefault("steps", "0"));
        } catch (NumberFormatException e) {
            steps = 0;
        }
        return new Provenance(metadata.getOrDefault("made_by", UNKNOWN), metadata.getOrDefault("sdk_version", UNKNOWN),
                metadata.getOrDefault("commit", UNKNOWN), metadata.getOrDefault("created", UNKNOWN),
                metadata.getOrDefault("jvm", UNKNOWN), steps, metadata.getOrDefault("seed", UNKNOWN), d, m);
    }

    /**
     * The SHA-256 digest of a file, streamed (any size).
     *
     * @param file the file
     * @return {@code "sha256:<64 hex digits>"}
     * @throws IOException if the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /**
     * The SHA-256 digest of bytes (e.g. a generated data set's parameters or a sample of it).
     *
     * @param bytes the bytes
     * @return {@code "sha256:<64 hex digits>"}
     */
    public static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /**
     * The SHA-256 digest of rows of ids (a tokenized training set), each row's length included, so that
     * {@code [[1, 2], [3]]} and {@code [[1], [2, 3]]} differ.
     *
     * @param rows the rows
     * @return {@code "sha256:<64 hex digits>"}
     */
    public static String sha256(int[][] rows) {
        return sha256(rows.length, i -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * rows[i].length);
            b.asIntBuffer().put(rows[i]);
            return b;
        });
    }

    /**
     * The SHA-256 digest of rows of numbers (training series), each row's length included.
     *
     * @param rows the rows
     * @return {@code "sha256:<64 hex digits>"}
     */
    public static String sha256(double[][] rows) {
        return sha256(rows.length, i -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * rows[i].length);
            b.asDoubleBuffer().put(rows[i]);
            return b;
        });
    }

    /** The digest of {@code n} rows, each its byte length and then its bytes. */
    private static String sha256(int n, java.util.function.IntFunction<java.nio.ByteBuffer> row) {
        MessageDigest md = sha256();
        java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(8);
        for (int i = 0; i < n; i++) {
            java.nio.ByteBuffer bytes = row.apply(i);
            md.update(length.clear().putLong(bytes.capacity()).flip());
            md.update(bytes);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
