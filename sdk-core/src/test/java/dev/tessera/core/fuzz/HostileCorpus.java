package dev.tessera.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * The committed corpus of bad inputs ({@code src/test/resources/hostile/} of each module, written
 * by {@code scripts/make-hostile-corpus.py}) and the check every module's {@code HostileInputTest}
 * applies to each: the reader fails within a time limit, with the documented exception type, and
 * with a message that names the file and contains the expected fragment (the place and what is
 * wrong); no other exception, no {@link OutOfMemoryError}, no {@link StackOverflowError}. Each
 * message is appended to {@code target/hostile-input.tsv} for the table in
 * {@code docs/hostile-input.md}.
 */
public final class HostileCorpus {
    /** The corpus folder of the module under test (surefire runs in the module's folder). */
    public static final Path ROOT = Path.of("src/test/resources/hostile");
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private HostileCorpus() { }

    /**
     * One bad input.
     *
     * @param format the reader it is for (a folder of the corpus)
     * @param file the file
     * @param fragment text the error message must contain
     */
    public record Case(String format, Path file, String fragment) {
        @Override
        public String toString() {
            return format + "/" + file.getFileName();
        }
    }

    /** A reader under test. */
    @FunctionalInterface
    public interface Reader {
        /**
         * Reads the file the way a user's command would.
         *
         * @param c the case
         * @throws Exception the reader's error
         */
        void read(Case c) throws Exception;
    }

    /**
     * Lists the cases of this module.
     *
     * @return the cases, in {@code cases.tsv} order
     */
    public static List<Case> cases() {
        try {
            List<Case> out = new ArrayList<>();
            for (String line : Files.readAllLines(ROOT.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                out.add(new Case(f[0], ROOT.resolve(f[0]).resolve(f[1]), f[2]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a reader on a bad input and checks that it fails cleanly.
     *
     * @param c the case
     * @param expected the documented exception type
     * @param reader the reader
     */
    public static void assertRejected(Case c, Class<? extends Exception> expected, Reader reader) {
        Throwable thrown = Assertions.assertTimeoutPreemptively(LIMIT, () -> {
            try {
                reader.read(c);
                return null;
            } catch (Exception | OutOfMemoryError | StackOverflowError t) {
                return t;
            }
        }, c + " took over " + LIMIT.toSeconds() + " s");
        if (thrown == null) {
            throw new AssertionError(c + " was accepted; it must be rejected");
        }
        if (!expected.isInstance(thrown)) {
            throw new AssertionError(c + " threw " + thrown + ", not a " + expected.getSimpleName(), thrown);
        }
        String m = String.valueOf(thrown.getMessage());
        Assertions.assertTrue(m.contains(c.file().toString()), c + ": the message does not name the file: " + m);
        Assertions.assertTrue(m.contains(c.fragment()), c + ": the message lacks '" + c.fragment() + "': " + m);
        record(c, m);
    }

    private static synchronized void record(Case c, String message) {
        try {
            Path out = Path.of("target/hostile-input.tsv");
            Files.createDirectories(out.getParent());
            String shown = message.replace(c.file().toString(), c.file().getFileName().toString())
                    .replace('\t', ' ').replace('\n', ' ');
            Files.writeString(out, c.format() + "\t" + c.file().getFileName() + "\t" + shown + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
