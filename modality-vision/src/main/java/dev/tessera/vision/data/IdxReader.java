package dev.tessera.vision.data;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST-style data sets (unsigned-byte tensors), plain or gzipped (a
 * {@code .gz} suffix or the gzip magic bytes).
 *
 * <p>Layout: two zero bytes, a type byte ({@code 0x08} = unsigned byte), the number of
 * dimensions, then one big-endian int per dimension, then the data.
 */
public final class IdxReader {
    private IdxReader() {
    }

    /**
     * An unsigned-byte IDX tensor.
     *
     * @param shape the dimensions
     * @param data the values, row-major
     */
    public record IdxArray(int[] shape, byte[] data) {
        /** @return the number of items (the first dimension) */
        public int count() {
            return shape[0];
        }

        /** @return the number of values per item */
        public int itemSize() {
            int n = 1;
            for (int i = 1; i < shape.length; i++) {
                n *= shape[i];
            }
            return n;
        }
    }

    /**
     * Reads a file.
     *
     * @param path the {@code .idx} or {@code .idx.gz}-style file
     * @return the tensor
     * @throws IOException if the file cannot be read, is not IDX, or is truncated (the message
     *     names the file and the offset)
     */
    public static IdxArray read(Path path) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
            return read(in, path.toString());
        } catch (EOFException e) {
            throw new CorruptFileException(path.toString(), "truncated gzip stream (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads an IDX stream.
     *
     * @param in the (decompressed) stream
     * @param source a name for error messages
     * @return the tensor
     * @throws IOException if the content is not IDX or is truncated
     */
    public static IdxArray read(InputStream in, String source) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] head = new byte[4];
        readFully(d, head, source, 0);
        if (head[0] != 0 || head[1] != 0) {
            throw new CorruptFileException(source, "not an IDX file: magic starts with " + (head[0] & 0xff) + ","
                    + (head[1] & 0xff) + " instead of 0,0");
        }
        if (head[2] != 0x08) {
            throw new CorruptFileException(source, String.format("IDX element type 0x%02x is not supported "
                    + "(only 0x08, unsigned byte)", head[2]));
        }
        int dims = head[3];
        if (dims < 1 || dims > 4) {
            throw new CorruptFileException(source, "IDX with " + dims + " dimensions (expected 1 to 4)");
        }
        int[] shape = new int[dims];
        long total = 1;
        byte[] four = new byte[4];
        for (int i = 0; i < dims; i++) {
            readFully(d, four, source, 4 + 4L * i);
            shape[i] = ((four[0] & 0xff) << 24) | ((four[1] & 0xff) << 16) | ((four[2] & 0xff) << 8) | (four[3] & 0xff);
            if (shape[i] < 0) {
                throw new CorruptFileException(source, "IDX dimension " + i + " is negative: " + shape[i]);
            }
            total *= shape[i];
            if (total > Limits.MAX_ELEMENTS) {
                throw new CorruptFileException(source, "byte " + (4 + 4L * i) + ": IDX shape " + Arrays.toString(shape)
                        + " has over " + Limits.MAX_ELEMENTS + " elements");
            }
        }
        long start = 4 + 4L * dims;
        // read as the bytes come (not allocated from the header), so a truncated file costs only what it holds
        byte[] data = d.readNBytes((int) total);
        if (data.length < total) {
            throw new CorruptFileException(source, "truncated at byte " + (start + data.length) + ": the header "
                    + Arrays.toString(shape) + " declares " + total + " data bytes from offset " + start + ", the file has "
                    + data.length);
        }
        if (d.read() >= 0) {
            throw new CorruptFileException(source, "byte " + (start + total) + ": data continues after the "
                    + total + " bytes the header " + Arrays.toString(shape) + " declares");
        }
        return new IdxArray(shape, data);
    }

    private static void readFully(DataInputStream d, byte[] buf, String source, long offset) throws IOException {
        int n = 0;
        while (n < buf.length) {
            int r = d.read(buf, n, buf.length - n);
            if (r < 0) {
                throw new CorruptFileException(source, "truncated at byte " + (offset + n) + ": expected "
                        + buf.length + " bytes from offset " + offset + ", got " + n);
            }
            n += r;
        }
    }
}
