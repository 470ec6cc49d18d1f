package dev.tessera.molecule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable molecule: a name, atoms with 3D coordinates and (optionally) the bonds its source file
 * listed. Bonds are informational; the tokenizer and the validity metric work from coordinates only.
 *
 * @param name a readable name (file name, IUPAC name or {@code "generated"})
 * @param atoms the atoms, at least one
 * @param bonds bonds between atom indices (may be empty)
 */
public record Molecule(String name, List<Atom> atoms, List<Bond> bonds) {

    /** Copies the lists and checks that bonds refer to existing atoms. */
    public Molecule {
        if (name == null) {
            throw new IllegalArgumentException("molecule name must not be null");
        }
        atoms = List.copyOf(atoms);
        bonds = List.copyOf(bonds);
        if (atoms.isEmpty()) {
            throw new IllegalArgumentException("molecule '" + name + "' has no atoms");
        }
        for (Bond b : bonds) {
            if (b.first() >= atoms.size() || b.second() >= atoms.size()) {
                throw new IllegalArgumentException("molecule '" + name + "': bond " + b.first() + "-" + b.second()
                        + " refers to an atom beyond the " + atoms.size() + " atoms");
            }
        }
    }

    /**
     * Creates a molecule without bonds.
     *
     * @param name the name
     * @param atoms the atoms
     * @return the molecule
     */
    public static Molecule of(String name, List<Atom> atoms) {
        return new Molecule(name, atoms, List.of());
    }

    /** @return the number of atoms */
    public int size() {
        return atoms.size();
    }

    /**
     * Returns one atom.
     *
     * @param i its index
     * @return the atom
     */
    public Atom atom(int i) {
        return atoms.get(i);
    }

    /**
     * Returns the molecule without its hydrogen atoms (bonds to them dropped, the others re-indexed).
     * A molecule made only of hydrogens (H2) is returned unchanged.
     *
     * @return the heavy-atom molecule
     */
    public Molecule withoutHydrogens() {
        int[] newIndex = new int[atoms.size()];
        List<Atom> kept = new ArrayList<>();
        for (int i = 0; i < atoms.size(); i++) {
            if (atoms.get(i).isHydrogen()) {
                newIndex[i] = -1;
            } else {
                newIndex[i] = kept.size();
                kept.add(atoms.get(i));
            }
        }
        if (kept.isEmpty() || kept.size() == atoms.size()) {
            return this;
        }
        List<Bond> keptBonds = new ArrayList<>();
        for (Bond b : bonds) {
            if (newIndex[b.first()] >= 0 && newIndex[b.second()] >= 0) {
                keptBonds.add(new Bond(newIndex[b.first()], newIndex[b.second()], b.order()));
            }
        }
        return new Molecule(name, kept, keptBonds);
    }

    /** @return the distinct element symbols, sorted */
    public SortedSet<String> elementSet() {
        SortedSet<String> s = new TreeSet<>();
        for (Atom a : atoms) {
            s.add(a.element());
        }
        return s;
    }

    /** @return element symbol to atom count, sorted by symbol */
    public Map<String, Integer> elementCounts() {
        Map<String, Integer> m = new TreeMap<>();
        for (Atom a : atoms) {
            m.merge(a.element(), 1, Integer::sum);
        }
        return m;
    }

    /** @return a compact formula such as {@code C4O1} (elements sorted by symbol) */
    public String formula() {
        StringBuilder sb = new StringBuilder();
        elementCounts().forEach((e, n) -> sb.append(e).append(n));
        return sb.toString();
    }
}
