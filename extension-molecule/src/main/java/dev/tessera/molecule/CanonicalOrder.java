package dev.tessera.molecule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts the atoms of a molecule that is already in its {@link CanonicalFrame} into a deterministic
 * order: a depth-first walk of the distance bond graph (pairs within 1.2 × the covalent radius sum),
 * starting from the atom with the smallest x (then y, then z), visiting neighbours by increasing
 * x, y, z; a disconnected molecule continues from the smallest unvisited atom. Consecutive atoms are
 * thus usually bonded, which makes the token stream local (each atom is placed next to one the model
 * has just written).
 */
public final class CanonicalOrder {
    private CanonicalOrder() { }

    /**
     * Returns the canonical visiting order.
     *
     * @param m a molecule in its canonical frame
     * @return atom indices in visiting order (a permutation of 0..n-1)
     */
    public static int[] of(Molecule m) {
        int n = m.size();
        Comparator<Integer> byPosition = Comparator.<Integer>comparingDouble(i -> m.atom(i).x())
                .thenComparingDouble(i -> m.atom(i).y()).thenComparingDouble(i -> m.atom(i).z())
                .thenComparing(i -> m.atom(i).element());
        List<List<Integer>> adj = MoleculeValidity.bondGraph(m, 1.2);
        for (List<Integer> l : adj) {
            l.sort(byPosition);
        }
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        all.sort(byPosition);
        boolean[] seen = new boolean[n];
        int[] order = new int[n];
        int count = 0;
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        for (int start : all) {
            if (seen[start]) {
                continue;
            }
            stack.push(start);
            while (!stack.isEmpty()) {
                int k = stack.pop();
                if (seen[k]) {
                    continue;
                }
                seen[k] = true;
                order[count++] = k;
                List<Integer> nb = adj.get(k);
                for (int j = nb.size() - 1; j >= 0; j--) {
                    if (!seen[nb.get(j)]) {
                        stack.push(nb.get(j));
                    }
                }
            }
        }
        return order;
    }

    /**
     * Returns the molecule with its atoms in canonical order (bonds dropped: their indices would no
     * longer match).
     *
     * @param m a molecule in its canonical frame
     * @return the reordered molecule
     */
    public static Molecule apply(Molecule m) {
        int[] order = of(m);
        List<Atom> atoms = new ArrayList<>(order.length);
        for (int i : order) {
            atoms.add(m.atom(i));
        }
        return Molecule.of(m.name(), atoms);
    }
}
