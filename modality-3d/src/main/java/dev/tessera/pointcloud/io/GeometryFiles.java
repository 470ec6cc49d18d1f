package dev.tessera.pointcloud.io;

import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.PointCloud;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads and writes geometry files, choosing the format from the file extension. */
public final class GeometryFiles {
    private GeometryFiles() { }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a {@code .ply}, {@code .off}, {@code .obj}, {@code .xyz} or {@code .pwn} file.
     *
     * @param file the file
     * @return its points and, if it has faces, its mesh
     * @throws IOException if the file is unreadable or malformed (the message names file and line/offset)
     * @throws IllegalArgumentException if the extension is not supported
     */
    public static Shape read(Path file) throws IOException {
        switch (extension(file)) {
            case "ply": return PlyFormat.read(file);
            case "off": return OffFormat.read(file);
            case "obj": return ObjFormat.read(file);
            case "xyz": case "pwn": return XyzFormat.read(file);
            default:
                throw new IllegalArgumentException(file + ": unsupported extension '" + extension(file)
                        + "'; use .ply, .off, .obj, .xyz or .pwn");
        }
    }

    /**
     * Writes a point cloud as {@code .ply} (binary little-endian), {@code .xyz}, {@code .off} or
     * {@code .obj} (vertices only), atomically.
     *
     * @param file the target
     * @param cloud the points
     * @throws IOException on failure
     */
    public static void write(Path file, PointCloud cloud) throws IOException {
        switch (extension(file)) {
            case "ply": PlyFormat.write(file, cloud, PlyFormat.Encoding.BINARY_LITTLE_ENDIAN); break;
            case "xyz": XyzFormat.write(file, cloud); break;
            case "off": OffFormat.write(file, new Mesh(cloud.xyz(), new int[0])); break;
            case "obj": ObjFormat.write(file, new Mesh(cloud.xyz(), new int[0])); break;
            default:
                throw new IllegalArgumentException(file + ": unsupported extension for writing points '"
                        + extension(file) + "'");
        }
    }

    /**
     * Writes a mesh as {@code .ply} (binary little-endian), {@code .off} or {@code .obj}, atomically.
     *
     * @param file the target
     * @param mesh the mesh
     * @throws IOException on failure
     */
    public static void write(Path file, Mesh mesh) throws IOException {
        switch (extension(file)) {
            case "ply": PlyFormat.write(file, mesh, PlyFormat.Encoding.BINARY_LITTLE_ENDIAN); break;
            case "off": OffFormat.write(file, mesh); break;
            case "obj": ObjFormat.write(file, mesh); break;
            default:
                throw new IllegalArgumentException(file + ": unsupported extension for writing a mesh '"
                        + extension(file) + "'");
        }
    }
}
