package dev.tessera.pointcloud.io;

import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.PointCloud;

/**
 * What a geometry file holds: its points (vertices, with normals and colours when the file has
 * them) and, when it has faces, the triangle mesh.
 *
 * @param points the vertices as a point cloud
 * @param mesh the triangulated mesh, or {@code null} for a pure point set
 */
public record Shape(PointCloud points, Mesh mesh) {

    /** Checks that points are given. */
    public Shape {
        if (points == null) {
            throw new IllegalArgumentException("points must be given");
        }
    }

    /** @return whether the file had faces */
    public boolean hasFaces() {
        return mesh != null && mesh.triangleCount() > 0;
    }
}
