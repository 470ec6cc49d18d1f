package dev.tessera.pointcloud.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeometryFormatsTest {
    @TempDir
    Path dir;

    private static Mesh randomMesh(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[3 * 50];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 20 - 10) / 3f;
        }
        int[] f = new int[3 * 40];
        for (int i = 0; i < f.length; i++) {
            f[i] = r.nextInt(50);
        }
        return new Mesh(v, f);
    }

    private static void assertSameMesh(Mesh a, Shape s) {
        assertTrue(s.hasFaces());
        assertArrayEquals(a.vertices(), s.mesh().vertices());
        assertArrayEquals(a.faces(), s.mesh().faces());
    }

    @Test
    void ply_asciiAndBinary_roundTripMeshExactly() throws IOException {
        Mesh m = randomMesh(1);
        for (PlyFormat.Encoding e : new PlyFormat.Encoding[] {PlyFormat.Encoding.ASCII,
                PlyFormat.Encoding.BINARY_LITTLE_ENDIAN}) {
            Path p = dir.resolve("m-" + e + ".ply");
            PlyFormat.write(p, m, e);
            assertSameMesh(m, PlyFormat.read(p));
        }
    }

    @Test
    void ply_roundTripsNormalsAndColours() throws IOException {
        float[] xyz = {0, 1, 2, 3, 4, 5};
        float[] n = {1, 0, 0, 0, 0.6f, 0.8f};
        float[] c = {1, 0, 0, 0, 128 / 255f, 1};
        PointCloud pc = new PointCloud(xyz, n, c);
        for (PlyFormat.Encoding e : new PlyFormat.Encoding[] {PlyFormat.Encoding.ASCII,
                PlyFormat.Encoding.BINARY_LITTLE_ENDIAN}) {
            Path p = dir.resolve("pc-" + e + ".ply");
            PlyFormat.write(p, pc, e);
            Shape s = PlyFormat.read(p);
            assertFalse(s.hasFaces());
            assertArrayEquals(xyz, s.points().xyz());
            assertArrayEquals(n, s.points().normals());
            assertArrayEquals(c, s.points().colors(), 1e-6f);
        }
    }

    @Test
    void off_and_obj_roundTripMeshExactly() throws IOException {
        Mesh m = randomMesh(2);
        Path off = dir.resolve("m.off");
        OffFormat.write(off, m);
        assertSameMesh(m, OffFormat.read(off));
        Path obj = dir.resolve("m.obj");
        ObjFormat.write(obj, m);
        assertSameMesh(m, ObjFormat.read(obj));
        assertSameMesh(m, GeometryFiles.read(obj));
    }

    @Test
    void xyz_roundTripsPointsAndNormals() throws IOException {
        PointCloud pc = new PointCloud(new float[] {0.1f, -2, 3e-5f, 7, 8, 9}, new float[] {0, 0, 1, 1, 0, 0}, null);
        Path p = dir.resolve("p.xyz");
        XyzFormat.write(p, pc);
        Shape s = XyzFormat.read(p);
        assertArrayEquals(pc.xyz(), s.points().xyz());
        assertArrayEquals(pc.normals(), s.points().normals());
        assertNull(s.mesh());
    }

    @Test
    void polygons_areTriangulatedAsFans() throws IOException {
        Path p = write("quad.off", "OFF\n4 1 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3\n");
        Shape s = OffFormat.read(p);
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, s.mesh().faces());
        Path o = write("quad.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1/1 2/2 3/3 -1\n");
        assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, ObjFormat.read(o).mesh().faces());
    }

    @Test
    void writes_areAtomic_noTemporaryFilesLeft() throws IOException {
        PlyFormat.write(dir.resolve("a.ply"), randomMesh(3), PlyFormat.Encoding.BINARY_LITTLE_ENDIAN);
        OffFormat.write(dir.resolve("a.off"), randomMesh(3));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.US_ASCII);
        return p;
    }

    private static String message(Exception e) {
        return e.getMessage();
    }

    @Test
    void off_wrongVertexCount_namesFileAndCount() throws IOException {
        Path p = write("short.off", "OFF\n5 1 0\n0 0 0\n1 0 0\n1 1 0\n3 0 1 2\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> OffFormat.read(p));
        assertTrue(message(e).contains("short.off"), message(e));
        // the face line is read as vertex 3 (wrong arity), or the file ends before vertex 5
        assertTrue(message(e).contains("line") || message(e).contains("5 vertices"), message(e));
    }

    @Test
    void off_tooManyFacesDeclared_saysFileEnds() throws IOException {
        Path p = write("f.off", "OFF\n3 2 0\n0 0 0\n1 0 0\n1 1 0\n3 0 1 2\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> OffFormat.read(p));
        assertTrue(message(e).contains("declares 2 faces"), message(e));
    }

    @Test
    void off_faceOutOfRange_givesLine() throws IOException {
        Path p = write("bad.off", "OFF\n3 1 0\n0 0 0\n1 0 0\n1 1 0\n3 0 1 7\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> OffFormat.read(p));
        assertTrue(message(e).contains("line 6") && message(e).contains("vertex 7"), message(e));
    }

    @Test
    void off_nanCoordinate_givesLine() throws IOException {
        Path p = write("nan.off", "OFF\n3 1 0\n0 0 0\n1 NaN 0\n1 1 0\n3 0 1 2\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> OffFormat.read(p));
        assertTrue(message(e).contains("line 4") && message(e).contains("NaN"), message(e));
    }

    @Test
    void obj_faceOutOfRange_givesLine() throws IOException {
        Path p = write("bad.obj", "v 0 0 0\nv 1 0 0\nv 1 1 0\nf 1 2 4\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> ObjFormat.read(p));
        assertTrue(message(e).contains("line 4") && message(e).contains("face index 4"), message(e));
    }

    @Test
    void xyz_nanAndWrongCount_areRejected() throws IOException {
        Path p = write("nan.xyz", "0 0 0\n1 nan 2\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> XyzFormat.read(p));
        assertTrue(message(e).contains("line 2"), message(e));
        Path q = write("count.xyz", "3\n0 0 0\n1 1 1\n");
        e = assertThrows(CorruptFileException.class, () -> XyzFormat.read(q));
        assertTrue(message(e).contains("declares 3 points"), message(e));
    }

    @Test
    void plyAscii_wrongCountNanAndBadFace_giveLines() throws IOException {
        String head = "ply\nformat ascii 1.0\nelement vertex %d\nproperty float x\nproperty float y\nproperty float z\n"
                + "element face 1\nproperty list uchar int vertex_indices\nend_header\n";
        Path few = write("few.ply", String.format(head, 4) + "0 0 0\n1 0 0\n1 1 0\n3 0 1 2\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(few));
        assertTrue(message(e).contains("few.ply"), message(e));
        Path nan = write("nan.ply", String.format(head, 3) + "0 0 0\n1 nan 0\n1 1 0\n3 0 1 2\n");
        e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(nan));
        assertTrue(message(e).contains("line 11") && message(e).contains("vertex 1"), message(e));
        Path face = write("face.ply", String.format(head, 3) + "0 0 0\n1 0 0\n1 1 0\n3 0 1 3\n");
        e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(face));
        assertTrue(message(e).contains("line 13") && message(e).contains("vertex 3"), message(e));
    }

    @Test
    void plyBinary_truncated_givesOffset() throws IOException {
        Path p = dir.resolve("t.ply");
        PlyFormat.write(p, randomMesh(4), PlyFormat.Encoding.BINARY_LITTLE_ENDIAN);
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.ply");
        Files.write(cut, Arrays.copyOf(all, all.length - 7));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(cut));
        assertTrue(message(e).contains("truncated") && message(e).contains("offset") && message(e).contains("cut.ply"),
                message(e));
    }

    @Test
    void plyBinary_nanCoordinate_givesOffset() throws IOException {
        Path p = dir.resolve("n.ply");
        PlyFormat.write(p, PointCloud.of(new float[] {0, 0, 0, 1, 1, 1}), PlyFormat.Encoding.BINARY_LITTLE_ENDIAN);
        byte[] all = Files.readAllBytes(p);
        int body = all.length - 24;
        java.nio.ByteBuffer.wrap(all).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(body + 16, Float.NaN);
        Files.write(p, all);
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(p));
        assertTrue(message(e).contains("byte offset " + (body + 12)) && message(e).contains("vertex 1"), message(e));
    }

    @Test
    void ply_badHeader_isRejected() throws IOException {
        Path p = write("h.ply", "ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\n");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(p));
        assertTrue(message(e).contains("end_header"), message(e));
        Path q = write("m.ply", "plx\n");
        e = assertThrows(CorruptFileException.class, () -> PlyFormat.read(q));
        assertTrue(message(e).contains("line 1"), message(e));
    }

    @Test
    void realCgalFiles_readWhenPresent() throws IOException {
        Path root = Path.of(System.getProperty("tessera.project.dir", "..")).resolve("data/3d/cgal/data");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(root), "CGAL data not fetched");
        Shape cow = GeometryFiles.read(root.resolve("meshes/cow.off"));
        assertEquals(2904, cow.mesh().vertexCount());
        assertEquals(5804, cow.mesh().triangleCount());
        Shape b9 = GeometryFiles.read(root.resolve("meshes/b9.ply"));
        assertEquals(22300, b9.points().size());
        Path kitten = root.resolve("points_3/kitten.xyz");
        long lines = Files.readAllLines(kitten).stream().filter(l -> !l.isBlank()).count();
        assertEquals(lines, GeometryFiles.read(kitten).points().size());
    }
}
