package dev.tessera.pointcloud.geom;

import java.util.Arrays;

/**
 * An immutable set of 3D points: {@code float} xyz coordinates, optional unit normals and optional
 * RGB colours in {@code [0, 1]}.
 *
 * <p>Arrays are flat ({@code x0, y0, z0, x1, ...}) and copied on the way in and out. Every
 * coordinate must be finite: a NaN or infinite value is rejected with its point index.
 */
public final class PointCloud {
    private final float[] xyz;
    private final float[] normals;
    private final float[] colors;

    /**
     * Creates a point cloud.
     *
     * @param xyz coordinates, length {@code 3 * n}
     * @param normals normals, length {@code 3 * n}, or {@code null}
     * @param colors RGB colours in {@code [0, 1]}, length {@code 3 * n}, or {@code null}
     * @throws IllegalArgumentException if a length is not {@code 3 * n} or a coordinate is not finite
     */
    public PointCloud(float[] xyz, float[] normals, float[] colors) {
        if (xyz == null || xyz.length % 3 != 0) {
            throw new IllegalArgumentException("xyz length (" + (xyz == null ? "null" : xyz.length)
                    + ") must be a multiple of 3");
        }
        checkFinite("coordinate", xyz);
        if (normals != null && normals.length != xyz.length) {
            throw new IllegalArgumentException("normals length (" + normals.length + ") must equal xyz length ("
                    + xyz.length + ")");
        }
        if (colors != null && colors.length != xyz.length) {
            throw new IllegalArgumentException("colors length (" + colors.length + ") must equal xyz length ("
                    + xyz.length + ")");
        }
        if (normals != null) {
            checkFinite("normal", normals);
        }
        if (colors != null) {
            checkFinite("colour", colors);
        }
        this.xyz = xyz.clone();
        this.normals = normals == null ? null : normals.clone();
        this.colors = colors == null ? null : colors.clone();
    }

    /**
     * Creates a point cloud of coordinates only.
     *
     * @param xyz coordinates, length {@code 3 * n}
     * @return the cloud
     */
    public static PointCloud of(float[] xyz) {
        return new PointCloud(xyz, null, null);
    }

    private static void checkFinite(String what, float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(what + " of point " + (i / 3) + " (axis " + "xyz".charAt(i % 3)
                        + ") is " + a[i] + "; every value must be finite");
            }
        }
    }

    /** @return the number of points */
    public int size() {
        return xyz.length / 3;
    }

    /** @return a copy of the coordinates, length {@code 3 * size()} */
    public float[] xyz() {
        return xyz.clone();
    }

    /** @return a copy of the normals, or {@code null} */
    public float[] normals() {
        return normals == null ? null : normals.clone();
    }

    /** @return a copy of the colours, or {@code null} */
    public float[] colors() {
        return colors == null ? null : colors.clone();
    }

    /** @return whether normals are present */
    public boolean hasNormals() {
        return normals != null;
    }

    /** @return whether colours are present */
    public boolean hasColors() {
        return colors != null;
    }

    /**
     * Returns one coordinate without copying.
     *
     * @param point the point index
     * @param axis 0, 1 or 2
     * @return the value
     */
    public float get(int point, int axis) {
        return xyz[3 * point + axis];
    }

    /** @return the axis-aligned bounding box; an empty cloud has none */
    public Bounds bounds() {
        return Bounds.of(xyz);
    }

    /**
     * Returns the points at the given indices (attributes follow).
     *
     * @param indices point indices, each in {@code [0, size())}
     * @return the subset
     */
    public PointCloud select(int[] indices) {
        float[] p = new float[indices.length * 3];
        float[] n = normals == null ? null : new float[p.length];
        float[] c = colors == null ? null : new float[p.length];
        for (int i = 0; i < indices.length; i++) {
            int j = indices[i];
            if (j < 0 || j >= size()) {
                throw new IllegalArgumentException("index " + j + " at position " + i + " is outside [0, " + size() + ")");
            }
            System.arraycopy(xyz, 3 * j, p, 3 * i, 3);
            if (n != null) {
                System.arraycopy(normals, 3 * j, n, 3 * i, 3);
            }
            if (c != null) {
                System.arraycopy(colors, 3 * j, c, 3 * i, 3);
            }
        }
        return new PointCloud(p, n, c);
    }

    /**
     * Returns a copy with the coordinates mapped through a transform (normals and colours kept).
     *
     * @param t the transform
     * @param forward {@code true} to map into the unit cube, {@code false} to map back
     * @return the mapped cloud
     */
    public PointCloud map(UnitCubeTransform t, boolean forward) {
        float[] p = forward ? t.apply(xyz) : t.invert(xyz);
        return new PointCloud(p, normals, colors);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PointCloud)) {
            return false;
        }
        PointCloud c = (PointCloud) o;
        return Arrays.equals(xyz, c.xyz) && Arrays.equals(normals, c.normals) && Arrays.equals(colors, c.colors);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xyz);
    }

    @Override
    public String toString() {
        return "PointCloud[" + size() + " points" + (normals != null ? ", normals" : "")
                + (colors != null ? ", colours" : "") + "]";
    }
}
