package dev.tessera.pointcloud.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.pointcloud.io.GeometryFiles;
import dev.tessera.pointcloud.io.Shape;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes {@link GeometryFiles#read(Path)} per format: any file gives a shape whose faces point at
 * its vertices and whose coordinates are finite, or a {@link CorruptFileException} naming the file.
 */
class GeometryFuzzTest {

    @FuzzTest
    void ply(byte[] data) throws IOException {
        read(data, "fuzz.ply");
    }

    @FuzzTest
    void off(byte[] data) throws IOException {
        read(data, "fuzz.off");
    }

    @FuzzTest
    void obj(byte[] data) throws IOException {
        read(data, "fuzz.obj");
    }

    @FuzzTest
    void xyz(byte[] data) throws IOException {
        read(data, "fuzz.xyz");
    }

    private static void read(byte[] data, String name) throws IOException {
        Path f = FuzzSupport.file(data, name);
        Shape s;
        try {
            s = GeometryFiles.read(f);
        } catch (CorruptFileException e) {
            FuzzSupport.assertNamesSource(e, f.toString());
            return;
        }
        float[] xyz = s.points().xyz();
        for (float v : xyz) {
            if (!Float.isFinite(v)) {
                throw new AssertionError("accepted a non-finite coordinate");
            }
        }
        if (s.mesh() != null) {
            int nv = s.mesh().vertexCount();
            for (int i : s.mesh().faces()) {
                if (i < 0 || i >= nv) {
                    throw new AssertionError("accepted a face index " + i + " outside " + nv + " vertices");
                }
            }
        }
    }
}
