package dev.tessera.samples.vision;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.vision.ImageCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A data set's token grids kept on disk next to the tokenizer that made them, so a run with a saved
 * tokenizer does not re-encode every training image. The file records a CRC-32 of the tokenizer's
 * bytes and the images' pixels, and the image count; a grid file of another tokenizer, other images or
 * the same images in another order is recomputed, never reused.
 */
final class TokenGridCache {
    private static final int MAGIC = 0x54474331; // "TGC1"

    private TokenGridCache() {
    }

    /**
     * Returns the grids of {@code n} packed images, from the cache file when it belongs to this
     * codec and count, else computed and written.
     *
     * @param file the cache file
     * @param codec the tokenizer
     * @param pixels packed images
     * @param n number of images
     * @return {@code n} grids
     * @throws IOException if the cache cannot be written
     */
    static int[][] tokenize(Path file, ImageCodec codec, float[] pixels, int n) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(codec.toBytes());
        // the images too: the same count of other images (or of the same ones in another order) is not a hit
        ByteBuffer buf = ByteBuffer.allocate(4096 * Float.BYTES);
        long values = Math.min(pixels.length, (long) n * codec.channels() * codec.imageSize() * codec.imageSize());
        for (int i = 0; i < values; i++) {
            if (!buf.hasRemaining()) {
                crc.update(buf.flip());
                buf.clear();
            }
            buf.putFloat(pixels[i]);
        }
        crc.update(buf.flip());
        long sum = crc.getValue();
        int t = codec.tokensPerImage();
        if (Files.isRegularFile(file)) {
            int[][] g = read(file, sum, n, t);
            if (g != null) {
                return g;
            }
        }
        int[][] grids = codec.tokenize(pixels, n);
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out));
            d.writeInt(MAGIC);
            d.writeLong(sum);
            d.writeInt(n);
            d.writeInt(t);
            for (int[] g : grids) {
                for (int c : g) {
                    d.writeShort(c);
                }
            }
            d.flush();
        });
        return grids;
    }

    /** Reads the grids, or returns null if the file belongs to another codec or count. */
    private static int[][] read(Path file, long sum, int n, int t) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream d = new DataInputStream(new BufferedInputStream(in))) {
            if (d.readInt() != MAGIC) {
                throw new CorruptFileException(file.toString(), "not a token-grid cache (bad magic)");
            }
            if (d.readLong() != sum || d.readInt() != n || d.readInt() != t) {
                return null;
            }
            int[][] g = new int[n][t];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < t; j++) {
                    g[i][j] = d.readUnsignedShort();
                }
            }
            return g;
        } catch (EOFException e) {
            throw new CorruptFileException(file.toString(), "token-grid cache is truncated; delete it to rebuild", e);
        }
    }
}
