package dev.tessera.molecule;

/**
 * A bond between two atoms of a {@link Molecule}, as given by a CML file.
 *
 * @param first index of the first atom
 * @param second index of the second atom
 * @param order bond order (1, 2, 3; 0 when the file gives none or an aromatic {@code "A"})
 */
public record Bond(int first, int second, int order) {

    /** Checks the indices. */
    public Bond {
        if (first < 0 || second < 0 || first == second) {
            throw new IllegalArgumentException("bond " + first + "-" + second + " needs two different atom indices >= 0");
        }
        if (order < 0) {
            throw new IllegalArgumentException("bond " + first + "-" + second + " has order " + order + " < 0");
        }
    }
}
