package dev.tessera.pointcloud.geom;

/**
 * An immutable triangle mesh: flat {@code float} vertex coordinates and flat triangle indices.
 * Readers triangulate polygon faces as fans. Every index must point into the vertex list.
 */
public final class Mesh {
    private final float[] vertices;
    private final int[] faces;

    /**
     * Creates a mesh.
     *
     * @param vertices coordinates, length {@code 3 * v}, all finite
     * @param faces triangle indices, length {@code 3 * f}, each in {@code [0, v)}
     * @throws IllegalArgumentException on a bad length, a non-finite coordinate or an index out of range
     */
    public Mesh(float[] vertices, int[] faces) {
        if (vertices.length % 3 != 0 || faces.length % 3 != 0) {
            throw new IllegalArgumentException("vertex array length (" + vertices.length + ") and face array length ("
                    + faces.length + ") must be multiples of 3");
        }
        for (int i = 0; i < vertices.length; i++) {
            if (!Float.isFinite(vertices[i])) {
                throw new IllegalArgumentException("vertex " + (i / 3) + " has a non-finite coordinate " + vertices[i]);
            }
        }
        int v = vertices.length / 3;
        for (int i = 0; i < faces.length; i++) {
            if (faces[i] < 0 || faces[i] >= v) {
                throw new IllegalArgumentException("triangle " + (i / 3) + " points at vertex " + faces[i]
                        + " but the mesh has " + v + " vertices");
            }
        }
        this.vertices = vertices.clone();
        this.faces = faces.clone();
    }

    /** @return the number of vertices */
    public int vertexCount() {
        return vertices.length / 3;
    }

    /** @return the number of triangles */
    public int triangleCount() {
        return faces.length / 3;
    }

    /** @return a copy of the coordinates */
    public float[] vertices() {
        return vertices.clone();
    }

    /** @return a copy of the triangle indices */
    public int[] faces() {
        return faces.clone();
    }

    /** @return the vertices as a point cloud */
    public PointCloud vertexCloud() {
        return PointCloud.of(vertices);
    }

    /**
     * Returns the area of one triangle.
     *
     * @param t the triangle index
     * @return its area
     */
    public double triangleArea(int t) {
        int a = 3 * faces[3 * t];
        int b = 3 * faces[3 * t + 1];
        int c = 3 * faces[3 * t + 2];
        double ux = vertices[b] - vertices[a];
        double uy = vertices[b + 1] - vertices[a + 1];
        double uz = vertices[b + 2] - vertices[a + 2];
        double vx = vertices[c] - vertices[a];
        double vy = vertices[c + 1] - vertices[a + 1];
        double vz = vertices[c + 2] - vertices[a + 2];
        double nx = uy * vz - uz * vy;
        double ny = uz * vx - ux * vz;
        double nz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
    }

    /** @return the total surface area */
    public double area() {
        double s = 0;
        for (int t = 0; t < triangleCount(); t++) {
            s += triangleArea(t);
        }
        return s;
    }

    @Override
    public String toString() {
        return "Mesh[" + vertexCount() + " vertices, " + triangleCount() + " triangles]";
    }
}
