package dev.tessera.vision.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private static byte[] idx(int[] shape, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0);
        b.write(0);
        b.write(8);
        b.write(shape.length);
        for (int d : shape) {
            b.write(d >>> 24);
            b.write(d >>> 16);
            b.write(d >>> 8);
            b.write(d);
        }
        b.writeBytes(data);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(raw);
        }
        return b.toByteArray();
    }

    @Test
    void read_gzippedAndPlain_giveShapeAndData() throws IOException {
        byte[] data = new byte[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 11);
        }
        byte[] raw = idx(new int[] {2, 3, 4}, data);
        Path gz = tmp.resolve("a-idx3-ubyte.gz");
        Files.write(gz, gzip(raw));
        Path plain = tmp.resolve("a-idx3-ubyte");
        Files.write(plain, raw);
        for (Path p : new Path[] {gz, plain}) {
            IdxReader.IdxArray a = IdxReader.read(p);
            assertArrayEquals(new int[] {2, 3, 4}, a.shape());
            assertArrayEquals(data, a.data());
        }
    }

    @Test
    void read_truncated_throwsWithOffset() throws IOException {
        byte[] raw = idx(new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        Path gz = tmp.resolve("cut.gz");
        Files.write(gz, gzip(Arrays.copyOf(raw, 500)));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> IdxReader.read(gz));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("cut.gz"), e.getMessage());
        byte[] zipped = gzip(raw);
        Path cutZip = tmp.resolve("cutzip.gz");
        Files.write(cutZip, Arrays.copyOf(zipped, zipped.length / 2));
        IOException e2 = assertThrows(IOException.class, () -> IdxReader.read(cutZip));
        assertTrue(e2.getMessage().contains("cutzip.gz") || e2.getMessage().contains("truncated"), e2.getMessage());
    }

    @Test
    void read_wrongMagic_throws() throws IOException {
        Path p = tmp.resolve("bad");
        Files.write(p, new byte[] {1, 2, 8, 1, 0, 0, 0, 1, 5});
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains("not an IDX file"), e.getMessage());
    }
}
