package dev.tessera.pointcloud.io;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Object File Format ({@code .off}): a header {@code OFF} (also {@code COFF}, {@code NOFF}), a line
 * {@code vertices faces edges}, the vertices, then faces as {@code n i0 ... i(n-1)}. Polygons are
 * triangulated as fans. Per-face colours after the indices are ignored.
 */
public final class OffFormat {
    private OffFormat() { }

    /**
     * Reads an OFF file.
     *
     * @param file the file
     * @return its mesh and vertices
     * @throws CorruptFileException on a bad header, wrong counts, a non-finite coordinate or a face
     *     index past the vertex list (the message gives the line)
     * @throws IOException if the file cannot be read
     */
    public static Shape read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            TextLines in = new TextLines(r, file.toString(), 0);
            String first = in.require("the OFF header");
            String[] head = TextLines.split(first);
            String magic = head[0];
            if (!magic.endsWith("OFF")) {
                throw in.errorHere("expected the header 'OFF', found '" + first + "'");
            }
            boolean normals = magic.contains("N");
            boolean colors = magic.startsWith("C") || magic.startsWith("NC") || magic.startsWith("CN");
            String[] counts;
            if (head.length > 1) {
                counts = java.util.Arrays.copyOfRange(head, 1, head.length);
            } else {
                counts = TextLines.split(in.require("the counts line 'vertices faces edges'"));
            }
            if (counts.length < 2) {
                throw in.errorHere("the counts line needs 'vertices faces [edges]', found " + counts.length + " values");
            }
            String where = "line " + in.lineNumber();
            int nv = Limits.count(in.parseInt(counts[0], "vertex count"), Limits.MAX_POINTS, "vertex count", in.source(), where);
            int nf = Limits.count(in.parseInt(counts[1], "face count"), Limits.MAX_POINTS, "face count", in.source(), where);
            // a vertex line is at least "0 0 0\n" and a face line "3 0 1 2\n": the counts must fit the file
            long size = Files.size(file);
            Limits.fits(nv, 6, size, "vertex count", in.source(), where);
            Limits.fits(nf, 8, size - 6L * nv, "face count", in.source(), where);
            float[] v = new float[Limits.product(nv, 3, "vertex coordinates", in.source(), where)];
            float[] n = normals ? new float[3 * nv] : null;
            for (int i = 0; i < nv; i++) {
                String line = in.next();
                if (line == null) {
                    throw in.error("the header declares " + nv + " vertices but the file ends after " + i
                            + " (line " + in.lineNumber() + ")");
                }
                String[] t = TextLines.split(line);
                if (t.length < 3 || (normals && t.length < 6)) {
                    throw in.errorHere("vertex " + i + " needs " + (normals ? 6 : 3) + " numbers, found " + t.length);
                }
                for (int k = 0; k < 3; k++) {
                    v[3 * i + k] = in.parseFloat(t[k], "vertex " + i + " coordinate " + "xyz".charAt(k));
                }
                if (normals) {
                    for (int k = 0; k < 3; k++) {
                        n[3 * i + k] = in.parseFloat(t[3 + k], "vertex " + i + " normal");
                    }
                }
            }
            IntList tris = new IntList();
            for (int f = 0; f < nf; f++) {
                String line = in.next();
                if (line == null) {
                    throw in.error("the header declares " + nf + " faces but the file ends after " + f
                            + " (line " + in.lineNumber() + ")");
                }
                String[] t = TextLines.split(line);
                int k = in.parseInt(t[0], "face " + f + " vertex count");
                if (k < 3 || k > t.length - 1) {
                    throw in.errorHere("face " + f + " declares " + k + " vertices and lists " + (t.length - 1)
                            + " values; a face needs at least 3");
                }
                int[] idx = new int[k];
                for (int j = 0; j < k; j++) {
                    idx[j] = in.parseInt(t[1 + j], "face " + f + " index");
                    if (idx[j] < 0 || idx[j] >= nv) {
                        throw in.errorHere("face " + f + " points at vertex " + idx[j] + " but there are only "
                                + nv + " vertices (0.." + (nv - 1) + ")");
                    }
                }
                if (tris.size() / 3 + k > Limits.MAX_POINTS) {
                    throw in.errorHere("face " + f + ": more than " + Limits.MAX_POINTS + " triangles");
                }
                for (int j = 1; j + 1 < k; j++) {
                    tris.add(idx[0], idx[j], idx[j + 1]);
                }
            }
            String extra = in.next();
            if (extra != null) {
                throw in.errorHere("unexpected data after the " + nv + " vertices and " + nf + " faces the header declares: '"
                        + abbreviate(extra) + "' (wrong count in the header?)");
            }
            PointCloud pc = new PointCloud(v, n, null);
            return new Shape(pc, new Mesh(v, tris.toArray()));
        }
    }

    static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /**
     * Writes a mesh as OFF, atomically.
     *
     * @param file the target
     * @param mesh the mesh
     * @throws IOException on failure
     */
    public static void write(Path file, Mesh mesh) throws IOException {
        float[] v = mesh.vertices();
        int[] f = mesh.faces();
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.US_ASCII);
            w.write("OFF\n" + mesh.vertexCount() + " " + mesh.triangleCount() + " 0\n");
            for (int i = 0; i < v.length; i += 3) {
                w.write(v[i] + " " + v[i + 1] + " " + v[i + 2] + "\n");
            }
            for (int i = 0; i < f.length; i += 3) {
                w.write("3 " + f[i] + " " + f[i + 1] + " " + f[i + 2] + "\n");
            }
            w.flush();
        });
    }
}
