package dev.tessera.core.io;

/**
 * The limits every reader checks a count, size or dimension against before it allocates, and the
 * overflow-checked size arithmetic they use. One place, so that a number read from a file or a
 * flag is bounded the same way everywhere; each reader also checks a declared count against what
 * the rest of the file can hold where it knows that length.
 *
 * <p>The limits are generous for the data Tessera handles (a few million points, a 100k-token
 * vocabulary, a 16k context) and small enough that a hostile header cannot make the JVM allocate
 * gigabytes. A check that fails throws {@link CorruptFileException} naming the source, the place
 * and the limit:
 *
 * <pre>{@code
 * // given: long declared, String file
 * int n = Limits.count(declared, Limits.MAX_POINTS, "vertex count", file, "line 3");
 * float[] xyz = new float[Limits.product(n, 3, "vertex coordinates", file, "line 3")];
 * }</pre>
 */
public final class Limits {
    /** Most elements one array read from a file may hold (2^28: a 1 GiB float array). */
    public static final int MAX_ELEMENTS = 1 << 28;
    /** Most points, vertices or faces one geometry file may hold. */
    public static final int MAX_POINTS = 50_000_000;
    /** Most indices one polygon (a PLY or OFF face) may list. */
    public static final int MAX_POLYGON = 1 << 16;
    /** Most token ids a vocabulary (or a vocabulary layout) may have. */
    public static final int MAX_VOCABULARY = 1 << 24;
    /** Most pixels one image may have (width times height, checked from the header before decoding; 4096^2). */
    public static final long MAX_PIXELS = 1L << 24;
    /** Most bytes one entry of a bundle may inflate to (declared and actual size; 1 GiB). */
    public static final long MAX_ENTRY_BYTES = 1L << 30;
    /** Most bytes of a file read whole into memory (a vocabulary, tokenizer.json, an image, a PLY file). */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Longest context a model config may declare (its causal mask has context^2 = 2^28 elements). */
    public static final int MAX_CONTEXT = 1 << 14;
    /** Most points one time series may have. */
    public static final int MAX_SERIES_POINTS = 50_000_000;
    /** Deepest element nesting of an XML or JSON document. */
    public static final int MAX_NESTING = 256;

    private Limits() { }

    /**
     * Reads a whole file after checking its size against {@link #MAX_FILE_BYTES}.
     *
     * @param file the file
     * @return its bytes
     * @throws CorruptFileException if the file is larger than the limit
     * @throws java.io.IOException if it cannot be read
     */
    public static byte[] readFile(java.nio.file.Path file) throws java.io.IOException {
        long size = java.nio.file.Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new CorruptFileException(file.toString(), size + " bytes, over the limit of " + MAX_FILE_BYTES
                    + " bytes for a file read whole");
        }
        return java.nio.file.Files.readAllBytes(file);
    }

    /**
     * Checks a count read from a file.
     *
     * @param value the count
     * @param max the largest allowed value (one of this class's constants)
     * @param what what is counted, for the message ("vertex count")
     * @param source the file or entry
     * @param where the place in it ("line 3", "byte 16", "tensor 'wte'")
     * @return the count as an int
     * @throws CorruptFileException if the count is negative or over {@code max}
     */
    public static int count(long value, long max, String what, String source, String where)
            throws CorruptFileException {
        if (value < 0 || value > max) {
            throw new CorruptFileException(source, where + ": " + what + " " + value
                    + (value < 0 ? " is negative" : " is over the limit of " + max));
        }
        return (int) value;
    }

    /**
     * Multiplies sizes read from a file without overflow and checks the product against
     * {@link #MAX_ELEMENTS}.
     *
     * @param a the first factor (not negative)
     * @param b the second factor (not negative)
     * @param what what the product sizes ("vertex coordinates")
     * @param source the file or entry
     * @param where the place in it
     * @return the product
     * @throws CorruptFileException if the product overflows or is over {@link #MAX_ELEMENTS}
     */
    public static int product(long a, long b, String what, String source, String where) throws CorruptFileException {
        long p;
        try {
            p = Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            p = Long.MAX_VALUE;
        }
        if (a < 0 || b < 0 || p > MAX_ELEMENTS) {
            throw new CorruptFileException(source, where + ": " + what + " " + a + " x " + b
                    + " is over the limit of " + MAX_ELEMENTS + " elements");
        }
        return (int) p;
    }

    /**
     * Checks that a declared count of items, each at least {@code minBytesEach} long, fits in the
     * bytes that remain of the file: a header cannot promise more than the body can hold.
     *
     * @param count the declared count
     * @param minBytesEach the fewest bytes one item takes
     * @param remaining the bytes left in the file after the header
     * @param what what is counted
     * @param source the file
     * @param where the place of the count
     * @throws CorruptFileException if the items cannot fit
     */
    public static void fits(long count, long minBytesEach, long remaining, String what, String source, String where)
            throws CorruptFileException {
        if (count > 0 && (remaining < 0 || count > remaining / Math.max(1, minBytesEach))) {
            throw new CorruptFileException(source, where + ": " + what + " " + count + " needs at least "
                    + minBytesEach + " bytes each, but only " + Math.max(0, remaining) + " bytes follow (truncated?)");
        }
    }

    /**
     * Checks a size given on the command line or in an API call (not read from a file).
     *
     * @param value the value
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param name the flag or parameter name ("--max-tokens")
     * @return the value
     * @throws IllegalArgumentException naming the flag, its value and the range
     */
    public static int argument(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be between " + min + " and " + max);
        }
        return (int) value;
    }

    /**
     * Checks that a floating-point argument is finite and within a range.
     *
     * @param value the value
     * @param min the smallest allowed value ({@link Double#MIN_VALUE} for "above 0")
     * @param max the largest allowed value
     * @param name the flag or parameter name
     * @return the value
     * @throws IllegalArgumentException naming the flag, its value and the range
     */
    public static double argument(double value, double min, double max, String name) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " is " + value + "; it must be a finite number "
                    + (min == Double.MIN_VALUE ? "above 0 and at most " + max : "between " + min + " and " + max));
        }
        return value;
    }
}
