package dev.tessera.pointcloud.geom;

/**
 * The similarity that centres a shape's bounding box at the origin and scales its longest side
 * to 1, so the shape lies in {@code [-0.5, 0.5]^3}: {@code p' = (p - center) / scale}. Kept with
 * the tokens so the detokenizer can undo it.
 *
 * @param cx centre x
 * @param cy centre y
 * @param cz centre z
 * @param scale the longest side of the original bounding box (positive)
 */
public record UnitCubeTransform(double cx, double cy, double cz, double scale) {

    /** Validates the fields. */
    public UnitCubeTransform {
        if (!Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(cz)) {
            throw new IllegalArgumentException("centre (" + cx + ", " + cy + ", " + cz + ") must be finite");
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale (" + scale + ") must be positive and finite");
        }
    }

    /** The identity transform. */
    public static final UnitCubeTransform IDENTITY = new UnitCubeTransform(0, 0, 0, 1);

    /**
     * Fits the transform to flat coordinates. A degenerate box (a single point) gets scale 1.
     *
     * @param xyz coordinates
     * @return the transform
     */
    public static UnitCubeTransform fit(float[] xyz) {
        Bounds b = Bounds.of(xyz);
        double s = b.longestSide();
        return new UnitCubeTransform(b.center(0), b.center(1), b.center(2), s > 0 ? s : 1);
    }

    /**
     * Maps coordinates into the unit cube.
     *
     * @param xyz flat coordinates
     * @return new array
     */
    public float[] apply(float[] xyz) {
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i += 3) {
            out[i] = (float) ((xyz[i] - cx) / scale);
            out[i + 1] = (float) ((xyz[i + 1] - cy) / scale);
            out[i + 2] = (float) ((xyz[i + 2] - cz) / scale);
        }
        return out;
    }

    /**
     * Maps unit-cube coordinates back to the original frame.
     *
     * @param xyz flat coordinates
     * @return new array
     */
    public float[] invert(float[] xyz) {
        float[] out = new float[xyz.length];
        for (int i = 0; i < xyz.length; i += 3) {
            out[i] = (float) (xyz[i] * scale + cx);
            out[i + 1] = (float) (xyz[i + 1] * scale + cy);
            out[i + 2] = (float) (xyz[i + 2] * scale + cz);
        }
        return out;
    }
}
