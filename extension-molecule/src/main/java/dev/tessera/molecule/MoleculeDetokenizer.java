package dev.tessera.molecule;

import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.UnknownTokenException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes element + dx + dy + dz token groups back into a molecule in the canonical frame: a running
 * sum of the cell differences gives each atom's grid cell, and the atom sits at the cell's centre
 * (within half a grid step of the encoded position per axis). A generated molecule may wander outside
 * the tokenizer's box; it is decoded as it is.
 *
 * @param modality the modality name
 * @param config the settings the tokens were made with
 */
public record MoleculeDetokenizer(String modality, MoleculeTokenizerConfig config)
        implements ModalityDetokenizer<Molecule> {

    /**
     * Decodes one segment.
     *
     * @param segment a segment of this modality; metadata {@code name} (a string) names the result
     * @return the molecule (no bonds)
     * @throws IllegalArgumentException if the segment is of another modality, is empty, is not a whole number
     *     of atoms, or has an id of the wrong kind at a position (the message gives the position)
     * @throws UnknownTokenException if an id is outside the vocabulary
     */
    @Override
    public Molecule decode(Segment segment) {
        if (!modality.equals(segment.modality())) {
            throw new IllegalArgumentException("segment of modality '" + segment.modality() + "' given to the '"
                    + modality + "' detokenizer");
        }
        int n = segment.length();
        if (n == 0) {
            throw new IllegalArgumentException("molecule segment is empty; a molecule needs at least one atom");
        }
        if (n % 4 != 0) {
            throw new IllegalArgumentException("molecule segment has " + n + " tokens, not a multiple of 4 "
                    + "(element, x, y, z per atom): atom " + n / 4 + " is incomplete");
        }
        int vocab = config.vocabularySize();
        int e = config.elements().size();
        List<Atom> atoms = new ArrayList<>(n / 4);
        long[] cell = new long[3];
        for (int i = 0; i < n / 4; i++) {
            int el = segment.token(4 * i);
            check(el, 4 * i, vocab);
            if (el >= e) {
                throw new IllegalArgumentException("token " + el + " at position " + 4 * i + " (atom " + i
                        + ") is a coordinate step; an element token (< " + e + ") was expected");
            }
            double[] xyz = new double[3];
            for (int k = 0; k < 3; k++) {
                int pos = 4 * i + 1 + k;
                int id = segment.token(pos);
                check(id, pos, vocab);
                int bin = id - config.axisOffset(k);
                if (bin < 0 || bin >= config.bins(k)) {
                    throw new IllegalArgumentException("token " + id + " at position " + pos + " (atom " + i
                            + ") is not a " + "xyz".charAt(k) + " step [" + config.axisOffset(k) + ", "
                            + (config.axisOffset(k) + config.bins(k)) + ")");
                }
                cell[k] += bin - 2 * config.cells(k);
                xyz[k] = cell[k] * config.gridStep();
            }
            atoms.add(new Atom(config.elements().get(el), xyz[0], xyz[1], xyz[2]));
        }
        Object name = segment.metadata().get("name");
        return Molecule.of(name instanceof String ? (String) name : "generated", atoms);
    }

    private static void check(int id, int pos, int vocab) {
        if (id < 0 || id >= vocab) {
            throw new UnknownTokenException(id, pos, "molecule vocabulary of " + vocab + " ids");
        }
    }
}
