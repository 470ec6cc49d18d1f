package dev.tessera.pointcloud.geom;

/**
 * A point cloud moved into the unit cube, with the transform that undoes it.
 *
 * @param cloud the normalised cloud, inside {@code [-0.5, 0.5]^3}
 * @param transform maps original coordinates to {@code cloud}'s
 */
public record Normalized(PointCloud cloud, UnitCubeTransform transform) {

    /**
     * Normalises a cloud: bounding box centred at the origin, longest side scaled to 1.
     *
     * @param cloud the cloud (at least one point)
     * @return the normalised cloud and its transform
     */
    public static Normalized of(PointCloud cloud) {
        UnitCubeTransform t = UnitCubeTransform.fit(cloud.xyz());
        return new Normalized(cloud.map(t, true), t);
    }

    /**
     * Normalises a mesh's vertices the same way.
     *
     * @param mesh the mesh
     * @return the mesh moved into the unit cube
     */
    public static Mesh of(Mesh mesh) {
        UnitCubeTransform t = UnitCubeTransform.fit(mesh.vertices());
        return new Mesh(t.apply(mesh.vertices()), mesh.faces());
    }
}
