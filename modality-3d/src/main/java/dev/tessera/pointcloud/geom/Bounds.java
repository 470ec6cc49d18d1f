package dev.tessera.pointcloud.geom;

/**
 * An axis-aligned bounding box.
 *
 * @param minX smallest x
 * @param minY smallest y
 * @param minZ smallest z
 * @param maxX largest x
 * @param maxY largest y
 * @param maxZ largest z
 */
public record Bounds(double minX, double minY, double minZ, double maxX, double maxY, double maxZ) {

    /** Checks that the box is not inverted. */
    public Bounds {
        if (!(minX <= maxX && minY <= maxY && minZ <= maxZ)) {
            throw new IllegalArgumentException("bounds are inverted or NaN: min (" + minX + ", " + minY + ", " + minZ
                    + "), max (" + maxX + ", " + maxY + ", " + maxZ + ")");
        }
    }

    /**
     * Returns the box around flat xyz coordinates.
     *
     * @param xyz coordinates, at least one point
     * @return the bounds
     * @throws IllegalArgumentException if there are no points
     */
    public static Bounds of(float[] xyz) {
        if (xyz.length < 3) {
            throw new IllegalArgumentException("an empty point set has no bounds");
        }
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
        double[] hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < xyz.length; i++) {
            int a = i % 3;
            lo[a] = Math.min(lo[a], xyz[i]);
            hi[a] = Math.max(hi[a], xyz[i]);
        }
        return new Bounds(lo[0], lo[1], lo[2], hi[0], hi[1], hi[2]);
    }

    /** @return the length of the longest side */
    public double longestSide() {
        return Math.max(maxX - minX, Math.max(maxY - minY, maxZ - minZ));
    }

    /**
     * Returns the centre along an axis.
     *
     * @param axis 0, 1 or 2
     * @return the centre coordinate
     */
    public double center(int axis) {
        switch (axis) {
            case 0: return 0.5 * (minX + maxX);
            case 1: return 0.5 * (minY + maxY);
            case 2: return 0.5 * (minZ + maxZ);
            default: throw new IllegalArgumentException("axis " + axis + " must be 0, 1 or 2");
        }
    }
}
