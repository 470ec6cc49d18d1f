package dev.tessera.pointcloud.data;

/** The classes of the procedural shape set, in label order. */
public enum ShapeClass {
    /** An ellipsoid close to a sphere. */
    SPHERE,
    /** A box (a cube with random side ratios). */
    CUBE,
    /** A ring torus. */
    TORUS,
    /** A closed cylinder. */
    CYLINDER,
    /** A closed cone. */
    CONE,
    /** A table: a top slab on four legs. */
    TABLE,
    /** A chair: a seat on four legs with a backrest. */
    CHAIR;

    /** @return the lower-case name used in captions and files */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Finds a class by its label.
     *
     * @param label a label such as {@code "torus"}
     * @return the class
     * @throws IllegalArgumentException if no class has that label (the message lists them)
     */
    public static ShapeClass fromLabel(String label) {
        for (ShapeClass c : values()) {
            if (c.label().equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown shape class '" + label + "'; known: "
                + java.util.Arrays.toString(values()).toLowerCase(java.util.Locale.ROOT));
    }
}
