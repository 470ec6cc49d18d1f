package dev.tessera.molecule;

import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;
import java.util.Set;

/**
 * A generation constraint that keeps a molecule segment well formed: at an atom's first slot only an
 * element token of {@code allowedElements} (or, after at least one atom, {@code END}), then exactly one
 * x, one y and one z bin; after {@code maxAtoms} atoms only {@code END}. Decoding a segment written
 * under it can only fail by being cut off.
 */
public final class MoleculeGrammar {
    private MoleculeGrammar() { }

    /**
     * Builds the processor.
     *
     * @param layout the framed layout
     * @param modality the molecule modality's name in it
     * @param config the tokenizer settings
     * @param allowedElements elements that may be generated (e.g. those seen in training)
     * @param maxAtoms the most atoms per molecule
     * @return the processor
     */
    public static LogitsProcessor processor(VocabularyLayout layout, String modality, MoleculeTokenizerConfig config,
            Set<String> allowedElements, int maxAtoms) {
        int v = layout.size();
        boolean[][] allowed = new boolean[4][v];
        for (String e : allowedElements) {
            int i = config.elements().indexOf(e);
            if (i < 0) {
                throw new IllegalArgumentException("allowed element '" + e + "' has no token in " + config.elements());
            }
            allowed[0][layout.toGlobal(modality, i)] = true;
        }
        for (int k = 0; k < 3; k++) {
            for (int b = 0; b < config.bins(k); b++) {
                allowed[k + 1][layout.toGlobal(modality, config.axisOffset(k) + b)] = true;
            }
        }
        int end = layout.end(modality);
        return (ctx, logits) -> {
            if (!modality.equals(ctx.openModality())) {
                return;
            }
            int len = ctx.openLength();
            int slot = len % 4;
            boolean endOk = slot == 0 && len > 0;
            boolean onlyEnd = len >= 4 * maxAtoms;
            for (int i = 0; i < logits.length; i++) {
                boolean ok = i == end ? endOk : !onlyEnd && allowed[slot][i];
                if (!ok) {
                    logits[i] = Float.NEGATIVE_INFINITY;
                }
            }
            if (onlyEnd && !Float.isFinite(logits[end])) {
                logits[end] = 0f;
            }
        };
    }
}
