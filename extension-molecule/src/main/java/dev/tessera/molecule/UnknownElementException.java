package dev.tessera.molecule;

import java.util.List;

/** An atom whose element the molecule tokenizer has no token for; the message names molecule, atom and element. */
public final class UnknownElementException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String element;
    private final int atomIndex;

    /**
     * Creates the exception.
     *
     * @param molecule the molecule's name
     * @param atomIndex the atom's index in the input molecule
     * @param element the unknown element symbol
     * @param known the elements the tokenizer knows
     */
    public UnknownElementException(String molecule, int atomIndex, String element, List<String> known) {
        super("molecule '" + molecule + "', atom " + atomIndex + ": element '" + element
                + "' has no token; the tokenizer knows " + known);
        this.element = element;
        this.atomIndex = atomIndex;
    }

    /** @return the unknown element symbol */
    public String element() {
        return element;
    }

    /** @return the atom's index in the input molecule */
    public int atomIndex() {
        return atomIndex;
    }
}
