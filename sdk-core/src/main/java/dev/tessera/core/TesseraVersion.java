package dev.tessera.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The SDK's version and the commit it was built from, read from the {@code build.properties} that the
 * build writes into sdk-core's jar (the commit is {@code "unknown"} when the jar was built outside a git
 * checkout).
 *
 * @param version the Maven version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param commit the abbreviated commit id, with {@code -dirty} when the tree had uncommitted changes
 * @param commitTime the commit's time (ISO-8601, UTC), or {@code "unknown"}
 */
public record TesseraVersion(String version, String commit, String commitTime) {
    private static final TesseraVersion CURRENT = read();

    /**
     * Returns the running SDK's version.
     *
     * @return the version of the sdk-core jar on the class path
     */
    public static TesseraVersion current() {
        return CURRENT;
    }

    private static TesseraVersion read() {
        Properties p = new Properties();
        try (InputStream in = TesseraVersion.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("sdk-core's build.properties is missing from its jar: rebuild it");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sdk-core's build.properties", e);
        }
        String commit = known(p.getProperty("commit"));
        if (!commit.equals("unknown") && "true".equals(p.getProperty("dirty"))) {
            commit += "-dirty";
        }
        return new TesseraVersion(known(p.getProperty("version")), commit, known(p.getProperty("commit.time")));
    }

    /** A property Maven did not fill in (left as {@code ${...}}) is unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    @Override
    public String toString() {
        return "tessera " + version + " (commit " + commit + ", " + commitTime + ")";
    }
}
