package dev.tessera.molecule;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a molecule's geometry is chemically plausible:
 * <ol>
 *   <li>no two atoms closer than {@code clashFactor} × the sum of their covalent radii;</li>
 *   <li>the bond graph (pairs within {@code bondFactor} × the sum of covalent radii) is connected;</li>
 *   <li>each atom's neighbour count is within its element's usual range
 *       ({@link Elements#maxNeighbours}, at least 1 in a molecule of two or more atoms).</li>
 * </ol>
 * Radii come from {@link Elements} (Cordero et al. 2008).
 *
 * @param clashFactor fraction of the radius sum below which two atoms clash, in (0, bondFactor)
 * @param bondFactor fraction of the radius sum within which two atoms are bonded, &gt; clashFactor
 */
public record MoleculeValidity(double clashFactor, double bondFactor) {

    /** Checks the factors. */
    public MoleculeValidity {
        if (!(clashFactor > 0) || !(bondFactor > clashFactor) || Double.isInfinite(bondFactor)) {
            throw new IllegalArgumentException("need 0 < clashFactor (" + clashFactor + ") < bondFactor (" + bondFactor
                    + ")");
        }
    }

    /** @return the default rule: clash below 0.7 ×, bond within 1.2 × the covalent radius sum */
    public static MoleculeValidity standard() {
        return new MoleculeValidity(0.7, 1.2);
    }

    /**
     * The outcome of a check.
     *
     * @param valid whether every rule holds
     * @param reason the first broken rule (atom indices and distances), or {@code "ok"}
     */
    public record Verdict(boolean valid, String reason) { }

    /**
     * Checks a molecule.
     *
     * @param m the molecule
     * @return the verdict
     * @throws IllegalArgumentException if an element is not in {@link Elements}
     */
    public Verdict check(Molecule m) {
        int n = m.size();
        List<List<Integer>> adj = bondGraph(m, bondFactor);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                Atom a = m.atom(i);
                Atom b = m.atom(j);
                double sum = Elements.covalentRadius(a.element()) + Elements.covalentRadius(b.element());
                double d = a.distanceTo(b);
                if (d < clashFactor * sum) {
                    return new Verdict(false, String.format(java.util.Locale.ROOT,
                            "atoms %d (%s) and %d (%s) are %.2f A apart, closer than %.2f x %.2f A", i, a.element(), j,
                            b.element(), d, clashFactor, sum));
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int deg = adj.get(i).size();
            String e = m.atom(i).element();
            int max = Elements.maxNeighbours(e);
            if ((n > 1 && deg < 1) || deg > max) {
                return new Verdict(false, "atom " + i + " (" + e + ") has " + deg + " bonded neighbours; usual range is "
                        + (n > 1 ? 1 : 0) + ".." + max);
            }
        }
        int reached = reachable(adj);
        if (reached != n) {
            return new Verdict(false, "bond graph is not connected: " + reached + " of " + n + " atoms reachable from atom 0");
        }
        return new Verdict(true, "ok");
    }

    /**
     * Tells whether a molecule is valid.
     *
     * @param m the molecule
     * @return {@code check(m).valid()}
     */
    public boolean isValid(Molecule m) {
        return check(m).valid();
    }

    /**
     * Builds the distance bond graph: atoms i and j are bonded when their distance is at most
     * {@code factor} × the sum of their covalent radii.
     *
     * @param m the molecule
     * @param factor the bond factor
     * @return neighbour lists, ascending indices
     */
    public static List<List<Integer>> bondGraph(Molecule m, double factor) {
        int n = m.size();
        List<List<Integer>> adj = new ArrayList<>();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
            r[i] = Elements.covalentRadius(m.atom(i).element());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (m.atom(i).distanceTo(m.atom(j)) <= factor * (r[i] + r[j])) {
                    adj.get(i).add(j);
                    adj.get(j).add(i);
                }
            }
        }
        return adj;
    }

    private static int reachable(List<List<Integer>> adj) {
        boolean[] seen = new boolean[adj.size()];
        int[] stack = new int[adj.size()];
        int top = 0;
        stack[top++] = 0;
        seen[0] = true;
        int count = 1;
        while (top > 0) {
            int k = stack[--top];
            for (int j : adj.get(k)) {
                if (!seen[j]) {
                    seen[j] = true;
                    count++;
                    stack[top++] = j;
                }
            }
        }
        return count;
    }
}
