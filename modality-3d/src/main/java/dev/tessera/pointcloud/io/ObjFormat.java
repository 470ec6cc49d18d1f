package dev.tessera.pointcloud.io;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.CorruptFileException;
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
 * Wavefront OBJ ({@code .obj}), geometry only: {@code v x y z} vertices and {@code f} faces
 * ({@code i}, {@code i/t}, {@code i//n}, {@code i/t/n}; 1-based, negative = relative to the end).
 * Polygons are triangulated as fans; other records (normals, texture coordinates, groups,
 * materials) are skipped.
 */
public final class ObjFormat {
    private ObjFormat() { }

    /**
     * Reads an OBJ file.
     *
     * @param file the file
     * @return its mesh and vertices
     * @throws CorruptFileException on a bad number, a non-finite coordinate or a face index past the
     *     vertex list (the message gives the line)
     * @throws IOException if the file cannot be read
     */
    public static Shape read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            TextLines in = new TextLines(r, file.toString(), 0);
            FloatList v = new FloatList();
            IntList tris = new IntList();
            String line;
            while ((line = in.next()) != null) {
                String[] t = TextLines.split(line);
                if (t[0].equals("v")) {
                    if (t.length < 4) {
                        throw in.errorHere("a vertex needs 3 coordinates, found " + (t.length - 1));
                    }
                    int i = v.size() / 3;
                    in.checkPointCount(i, "vertices");
                    for (int k = 0; k < 3; k++) {
                        v.add(in.parseFloat(t[1 + k], "vertex " + (i + 1) + " coordinate " + "xyz".charAt(k)));
                    }
                } else if (t[0].equals("f")) {
                    if (t.length < 4) {
                        throw in.errorHere("a face needs at least 3 vertices, found " + (t.length - 1));
                    }
                    int nv = v.size() / 3;
                    int[] idx = new int[t.length - 1];
                    for (int j = 0; j < idx.length; j++) {
                        String s = t[1 + j];
                        int slash = s.indexOf('/');
                        int raw = in.parseInt(slash < 0 ? s : s.substring(0, slash), "face index");
                        int k = raw > 0 ? raw - 1 : nv + raw;
                        if (raw == 0 || k < 0 || k >= nv) {
                            throw in.errorHere("face index " + raw + " points past the vertex list (" + nv
                                    + " vertices defined so far; OBJ indices are 1-based)");
                        }
                        idx[j] = k;
                    }
                    in.checkPointCount(tris.size() / 3 + idx.length, "triangles");
                    for (int j = 1; j + 1 < idx.length; j++) {
                        tris.add(idx[0], idx[j], idx[j + 1]);
                    }
                }
            }
            float[] xyz = v.toArray();
            return new Shape(PointCloud.of(xyz), new Mesh(xyz, tris.toArray()));
        }
    }

    /**
     * Writes a mesh as OBJ, atomically.
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
            w.write("# written by Tessera\n");
            for (int i = 0; i < v.length; i += 3) {
                w.write("v " + v[i] + " " + v[i + 1] + " " + v[i + 2] + "\n");
            }
            for (int i = 0; i < f.length; i += 3) {
                w.write("f " + (f[i] + 1) + " " + (f[i + 1] + 1) + " " + (f[i + 2] + 1) + "\n");
            }
            w.flush();
        });
    }
}
