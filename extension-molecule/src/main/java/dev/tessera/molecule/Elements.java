package dev.tessera.molecule;

import java.util.List;
import java.util.Map;

/**
 * The small element table the molecule modality needs: single-bond covalent radii and the usual
 * range of bonded neighbours.
 *
 * <p>Radii (Å) are those of B. Cordero, V. Gómez, A. E. Platero-Prats, M. Revés, J. Echeverría,
 * E. Cremades, F. Barragán and S. Alvarez, "Covalent radii revisited", <i>Dalton Transactions</i>
 * 2008, 2832–2838 (doi:10.1039/b801115j), Table 2; carbon uses its sp3 value (0.76 Å).
 *
 * <p>Neighbour ranges are the usual valences of organic chemistry (H, halogens 1; O 1–2; N 1–4
 * counting ammonium and nitro nitrogen; C 1–4; S 1–6 counting sulfoxides/sulfones; P 1–5; B, Si 1–4),
 * with the lower bound 1 applying only to atoms of molecules of two or more atoms. With implicit
 * hydrogens only heavy neighbours are counted, so the upper bounds still hold.
 */
public final class Elements {
    private Elements() { }

    /** Every element the table knows, in the order the default tokenizer numbers them. */
    public static final List<String> SYMBOLS = List.of("H", "B", "C", "N", "O", "F", "Si", "P", "S", "Cl", "Br", "I");

    private static final Map<String, Double> RADIUS = Map.ofEntries(
            Map.entry("H", 0.31), Map.entry("B", 0.84), Map.entry("C", 0.76), Map.entry("N", 0.71),
            Map.entry("O", 0.66), Map.entry("F", 0.57), Map.entry("Si", 1.11), Map.entry("P", 1.07),
            Map.entry("S", 1.05), Map.entry("Cl", 1.02), Map.entry("Br", 1.20), Map.entry("I", 1.39));

    private static final Map<String, Integer> MAX_NEIGHBOURS = Map.ofEntries(
            Map.entry("H", 1), Map.entry("B", 4), Map.entry("C", 4), Map.entry("N", 4), Map.entry("O", 2),
            Map.entry("F", 1), Map.entry("Si", 4), Map.entry("P", 5), Map.entry("S", 6), Map.entry("Cl", 1),
            Map.entry("Br", 1), Map.entry("I", 1));

    /**
     * Tells whether the table knows an element.
     *
     * @param symbol the element symbol
     * @return {@code true} if known
     */
    public static boolean known(String symbol) {
        return RADIUS.containsKey(symbol);
    }

    /**
     * Returns the single-bond covalent radius (Cordero et al. 2008).
     *
     * @param symbol the element symbol
     * @return the radius in Å
     * @throws IllegalArgumentException if the element is not in the table
     */
    public static double covalentRadius(String symbol) {
        Double r = RADIUS.get(symbol);
        if (r == null) {
            throw new IllegalArgumentException("no covalent radius for element '" + symbol + "'; known: " + SYMBOLS);
        }
        return r;
    }

    /**
     * Returns the largest usual number of bonded neighbours.
     *
     * @param symbol the element symbol
     * @return the maximum neighbour count
     * @throws IllegalArgumentException if the element is not in the table
     */
    public static int maxNeighbours(String symbol) {
        Integer n = MAX_NEIGHBOURS.get(symbol);
        if (n == null) {
            throw new IllegalArgumentException("no valence range for element '" + symbol + "'; known: " + SYMBOLS);
        }
        return n;
    }
}
