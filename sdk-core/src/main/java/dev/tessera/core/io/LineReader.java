package dev.tessera.core.io;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Reads lines with a bound on their length, so a file of one endless line fails with a message naming the line
 * instead of filling the heap ({@link java.io.BufferedReader#readLine} has no bound). Lines end at {@code \n},
 * {@code \r\n} or {@code \r}; the terminator is not returned. Not thread-safe; closing it closes the reader.
 *
 * <pre>{@code
 * // given: Path file
 * try (LineReader in = new LineReader(java.nio.file.Files.newBufferedReader(file), file.toString(), LineReader.MAX_LINE)) {
 *     for (String line; (line = in.next()) != null; ) {
 *         System.out.println(in.lineNumber() + ": " + line);
 *     }
 * }
 * }</pre>
 */
public final class LineReader implements AutoCloseable {
    /** The default longest line: 16 Mi characters. */
    public static final int MAX_LINE = 1 << 24;

    private final Reader in;
    private final String source;
    private final int maxChars;
    private final char[] buf = new char[1 << 13];
    private int pos;
    private int end;
    private boolean skipNewline;
    private int lineNumber;

    /**
     * @param in the characters (buffered here; it need not be)
     * @param source the file's name, for messages
     * @param maxChars the longest line accepted
     */
    public LineReader(Reader in, String source, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars (" + maxChars + ") must be >= 1");
        }
        this.in = in;
        this.source = source;
        this.maxChars = maxChars;
    }

    /**
     * Returns the next line.
     *
     * @return the line without its terminator, or {@code null} at the end of the input
     * @throws CorruptFileException if the line is longer than the bound (the message gives its number)
     * @throws IOException if the input cannot be read
     */
    public String next() throws IOException {
        char[] line = new char[64];
        int n = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return new String(line, 0, n);
                }
            }
            char c = buf[pos++];
            if (skipNewline) {
                skipNewline = false;
                if (c == '\n') {
                    continue;
                }
            }
            any = true;
            if (c == '\n' || c == '\r') {
                skipNewline = c == '\r';
                lineNumber++;
                return new String(line, 0, n);
            }
            if (n == maxChars) {
                throw new CorruptFileException(source, "line " + (lineNumber + 1) + " is longer than " + maxChars
                        + " characters");
            }
            if (n == line.length) {
                line = Arrays.copyOf(line, (int) Math.min((long) maxChars, 2L * n));
            }
            line[n++] = c;
        }
    }

    /** @return the number of the line {@link #next} returned last (1 for the first) */
    public int lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
