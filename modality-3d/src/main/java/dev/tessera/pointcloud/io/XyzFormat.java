package dev.tessera.pointcloud.io;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plain point lists ({@code .xyz}, {@code .pwn}): one point per line, {@code x y z} optionally
 * followed by {@code nx ny nz}. A file whose first line holds a single integer (a point count) is
 * accepted and the count checked.
 */
public final class XyzFormat {
    private XyzFormat() { }

    /**
     * Reads an XYZ file.
     *
     * @param file the file
     * @return the points (with normals if every line has six numbers)
     * @throws CorruptFileException on a bad or non-finite number or a count mismatch (with the line)
     * @throws IOException if the file cannot be read
     */
    public static Shape read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            TextLines in = new TextLines(r, file.toString(), 0);
            FloatList p = new FloatList();
            FloatList n = new FloatList();
            boolean normals = true;
            int declared = -1;
            String line;
            boolean first = true;
            while ((line = in.next()) != null) {
                String[] t = TextLines.split(line);
                if (first && t.length == 1) {
                    declared = in.parseInt(t[0], "point count");
                    first = false;
                    continue;
                }
                first = false;
                int i = p.size() / 3;
                in.checkPointCount(i, "points");
                if (t.length < 3) {
                    throw in.errorHere("point " + i + " needs 3 coordinates, found " + t.length);
                }
                for (int k = 0; k < 3; k++) {
                    p.add(in.parseFloat(t[k], "point " + i + " coordinate " + "xyz".charAt(k)));
                }
                if (t.length >= 6) {
                    for (int k = 0; k < 3; k++) {
                        n.add(in.parseFloat(t[3 + k], "point " + i + " normal"));
                    }
                } else {
                    normals = false;
                }
            }
            int count = p.size() / 3;
            if (declared >= 0 && declared != count) {
                throw in.error("the first line declares " + declared + " points but the file holds " + count);
            }
            return new Shape(new PointCloud(p.toArray(), normals && count > 0 ? n.toArray() : null, null), null);
        }
    }

    /**
     * Writes points (and normals, when present) as XYZ, atomically.
     *
     * @param file the target
     * @param cloud the points
     * @throws IOException on failure
     */
    public static void write(Path file, PointCloud cloud) throws IOException {
        float[] p = cloud.xyz();
        float[] n = cloud.normals();
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            for (int i = 0; i < p.length; i += 3) {
                w.write(p[i] + " " + p[i + 1] + " " + p[i + 2]);
                if (n != null) {
                    w.write(" " + n[i] + " " + n[i + 1] + " " + n[i + 2]);
                }
                w.write('\n');
            }
            w.flush();
        });
    }
}
