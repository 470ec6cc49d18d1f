package dev.tessera.molecule;

import java.util.HashSet;
import java.util.List;

/**
 * Settings of the molecule tokenizer; saved as JSON in the model bundle.
 *
 * <p>Positions are quantised on a grid of {@code gridStep} inside the box
 * {@code [-halfX, halfX] × [-halfY, halfY] × [-halfZ, halfZ]} (the canonical frame centres the
 * molecule), each coordinate {@code c} to the cell {@code round(c / gridStep)}. An atom's three
 * coordinate tokens are the <b>difference</b> of its cell from the previous atom's cell (the first
 * atom's from the origin's), so a bonded neighbour is a short vector of a few cells whatever the
 * molecule: the model learns bond geometry once instead of per absolute position. Differences are
 * exact integers, so decoding (a running sum) puts every atom within {@code gridStep / 2} per axis of
 * its encoded position, with no accumulated error.
 *
 * <p>Local ids: {@code [0, E)} are the elements in {@link #elements} order, then the x, y and z
 * difference tokens; axis {@code a} with {@code h = round(half_a / gridStep)} cells each side has
 * {@code 4h + 1} difference tokens for {@code -2h..2h} (any two cells of the box differ by at most 2h).
 *
 * @param elements element symbols with a token, in id order (each known to {@link Elements})
 * @param gridStep the quantisation step (Å), &gt; 0
 * @param halfX half-width of the box along the first principal axis (Å)
 * @param halfY half-width along the second principal axis (Å)
 * @param halfZ half-width along the third principal axis (Å)
 * @param keepHydrogens whether hydrogens are tokenized (false: implicit, dropped before encoding)
 */
public record MoleculeTokenizerConfig(List<String> elements, double gridStep, double halfX, double halfY,
        double halfZ, boolean keepHydrogens) {

    /** Validates the fields. */
    public MoleculeTokenizerConfig {
        if (elements == null || elements.isEmpty()) {
            throw new IllegalArgumentException("elements must list at least one element symbol");
        }
        elements = List.copyOf(elements);
        if (new HashSet<>(elements).size() != elements.size()) {
            throw new IllegalArgumentException("elements " + elements + " lists a symbol twice");
        }
        for (String e : elements) {
            if (!Elements.known(e)) {
                throw new IllegalArgumentException("elements: '" + e + "' has no covalent radius in Elements "
                        + Elements.SYMBOLS);
            }
        }
        if (!(gridStep > 0) || Double.isInfinite(gridStep)) {
            throw new IllegalArgumentException("gridStep (" + gridStep + ") must be a finite number > 0");
        }
        double[] h = {halfX, halfY, halfZ};
        String[] names = {"halfX", "halfY", "halfZ"};
        for (int k = 0; k < 3; k++) {
            if (!(h[k] >= 0) || Double.isInfinite(h[k]) || h[k] / gridStep > 10_000) {
                throw new IllegalArgumentException(names[k] + " (" + h[k] + ") must be finite, >= 0 and at most "
                        + "10000 grid steps");
            }
        }
    }

    /**
     * The default: the twelve elements of {@link Elements}, a 0.2 Å grid, a box of ±15 × ±8 × ±4 Å
     * (principal axes sorted by spread; every Debian molecule fits), implicit hydrogens. 0.2 Å keeps 566 of the 568
     * {@code chemical-structures} molecules valid after quantisation (0.25 Å breaks C≡C triple bonds).
     *
     * @return the config
     */
    public static MoleculeTokenizerConfig standard() {
        return new MoleculeTokenizerConfig(Elements.SYMBOLS, 0.2, 15.0, 8.0, 4.0, false);
    }

    /**
     * Returns the number of grid cells on each side of 0 along an axis (the box half-width in steps).
     *
     * @param axis 0, 1 or 2
     * @return {@code round(half / gridStep)}
     */
    public int cells(int axis) {
        double h = axis == 0 ? halfX : axis == 1 ? halfY : halfZ;
        return (int) Math.round(h / gridStep);
    }

    /**
     * Returns the number of difference tokens of an axis.
     *
     * @param axis 0, 1 or 2
     * @return {@code 4 cells(axis) + 1}
     */
    public int bins(int axis) {
        return 4 * cells(axis) + 1;
    }

    /**
     * Returns the first local id of an axis's bins.
     *
     * @param axis 0, 1 or 2
     * @return the offset
     */
    public int axisOffset(int axis) {
        int o = elements.size();
        for (int k = 0; k < axis; k++) {
            o += bins(k);
        }
        return o;
    }

    /** @return the local vocabulary size: elements plus the bins of the three axes */
    public int vocabularySize() {
        return axisOffset(3);
    }
}
