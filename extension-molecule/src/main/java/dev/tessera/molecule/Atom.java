package dev.tessera.molecule;

/**
 * One atom: its element symbol and its position in ångström.
 *
 * @param element the element symbol, e.g. {@code "C"} or {@code "Cl"}
 * @param x x coordinate (Å)
 * @param y y coordinate (Å)
 * @param z z coordinate (Å)
 */
public record Atom(String element, double x, double y, double z) {

    /** Checks the symbol's shape and that the coordinates are finite. */
    public Atom {
        if (element == null || !element.matches("[A-Z][a-z]?")) {
            throw new IllegalArgumentException("element '" + element + "' is not an element symbol ([A-Z][a-z]?)");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("atom " + element + " has a non-finite coordinate (" + x + ", " + y
                    + ", " + z + ")");
        }
    }

    /**
     * Returns the distance to another atom.
     *
     * @param o the other atom
     * @return the Euclidean distance (Å)
     */
    public double distanceTo(Atom o) {
        double dx = x - o.x;
        double dy = y - o.y;
        double dz = z - o.z;
        return Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /** @return whether this is a hydrogen atom */
    public boolean isHydrogen() {
        return element.equals("H");
    }
}
