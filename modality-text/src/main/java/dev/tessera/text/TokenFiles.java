package dev.tessera.text;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.LineReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Text files to id files (one decimal id per line) and back, timing only the tokenizer's work.
 */
public final class TokenFiles {
    /** Longest line of an id file (one id per line). */
    static final int MAX_ID_LINE = 1 << 10;
    private TokenFiles() { }

    /**
     * What a run did.
     *
     * @param tokens number of ids
     * @param bytes UTF-8 bytes of the text
     * @param seconds time spent in the tokenizer (not in file I/O)
     * @param mbPerS bytes / seconds / 10^6
     */
    public record Result(long tokens, long bytes, double seconds, double mbPerS) { }

    /**
     * Encodes a UTF-8 text file.
     *
     * @param encoder the tokenizer's encode function
     * @param in the text file
     * @param out where to write the ids (atomically), or {@code null} to write nothing
     * @return the counts and timing
     * @throws IOException if a file cannot be read or written or the text is not UTF-8
     */
    public static Result encode(Function<String, int[]> encoder, Path in, Path out) throws IOException {
        String text = CorpusFiles.read(in);
        long bytes = text.getBytes(StandardCharsets.UTF_8).length;
        long t0 = System.nanoTime();
        int[] ids = encoder.apply(text);
        double s = (System.nanoTime() - t0) / 1e9;
        if (out != null) {
            AtomicFiles.write(out, os -> {
                Writer w = new java.io.BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
                appendIds(w, ids);
                w.flush();
            });
        }
        return new Result(ids.length, bytes, s, bytes / 1e6 / Math.max(s, 1e-9));
    }

    /**
     * Writes ids in the id-file format: one decimal id per line.
     *
     * @param out where to write
     * @param ids the ids
     * @throws IOException if writing fails
     */
    public static void appendIds(Appendable out, int[] ids) throws IOException {
        for (int id : ids) {
            out.append(Integer.toString(id)).append('\n');
        }
    }

    /**
     * Reads an id file (one decimal id per line; blank lines are skipped).
     *
     * @param in the file
     * @return the ids
     * @throws IOException if the file cannot be read or a line is not an integer (the message names the line)
     */
    public static int[] readIds(Path in) throws IOException {
        int[] ids = new int[1024];
        int n = 0;
        // ids are ASCII; Latin-1 never fails to decode, so a stray byte is reported with its line
        try (LineReader r = new LineReader(Files.newBufferedReader(in, StandardCharsets.ISO_8859_1), in.toString(),
                MAX_ID_LINE)) {
            String line;
            int no = 0;
            while ((line = r.next()) != null) {
                no++;
                String t = line.trim();
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    if (n == ids.length) {
                        if (n >= dev.tessera.core.io.Limits.MAX_ELEMENTS) {
                            throw new CorruptFileException(in + ":" + no, "more than "
                                    + dev.tessera.core.io.Limits.MAX_ELEMENTS + " ids in one file");
                        }
                        ids = java.util.Arrays.copyOf(ids, n * 2);
                    }
                    ids[n] = Integer.parseInt(t);
                } catch (NumberFormatException e) {
                    throw new CorruptFileException(in + ":" + no, "expected one integer id per line, found '"
                            + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'", e);
                }
                if (ids[n++] < 0) {
                    throw new CorruptFileException(in + ":" + no, "id " + t + " is negative; ids are 0 or more");
                }
            }
        }
        return java.util.Arrays.copyOf(ids, n);
    }

    /**
     * Decodes an id file to text.
     *
     * @param decoder the tokenizer's decode function
     * @param in the id file
     * @param out where to write the text (atomically), or {@code null}
     * @param text receives the decoded text when {@code out} is {@code null} (may be {@code null})
     * @return the counts and timing
     * @throws IOException if a file cannot be read or written or an id line is malformed
     */
    public static Result decode(Function<int[], String> decoder, Path in, Path out, StringBuilder text) throws IOException {
        int[] ids = readIds(in);
        long t0 = System.nanoTime();
        String s = decoder.apply(ids);
        double secs = (System.nanoTime() - t0) / 1e9;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (out != null) {
            AtomicFiles.write(out, b);
        } else if (text != null) {
            text.append(s);
        }
        return new Result(ids.length, b.length, secs, b.length / 1e6 / Math.max(secs, 1e-9));
    }
}
