package dev.tessera.core.generate;

import dev.tessera.core.token.VocabularyLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-set decoding: inside a segment of one modality, only tokens that continue one of a known
 * list of sequences are allowed (and the modality's END once a whole sequence is written), through
 * a trie of the sequences' local ids. Outside such a segment it does nothing. Greedy decoding under
 * it picks, branch by branch, the most likely member of the set: a classifier read out of a
 * generative model (captions from a known list, labels, answers from a menu).
 *
 * <pre>{@code
 * // given: VocabularyLayout layout
 * List<int[]> captions = List.of(new int[] {97, 32, 114}, new int[] {98, 33}); // local ids of two captions
 * LogitsProcessor only = new ClosedSetConstraint(layout, "text", captions);
 * }</pre>
 */
public final class ClosedSetConstraint implements LogitsProcessor {
    private final VocabularyLayout layout;
    private final String modality;
    private final Node root = new Node();

    private static final class Node {
        final Map<Integer, Node> next = new HashMap<>();
        boolean terminal;
    }

    /**
     * Creates the constraint.
     *
     * @param layout the layout (must contain {@code modality})
     * @param modality the modality whose segments are constrained
     * @param sequences the allowed contents, local ids (at least one, none empty)
     * @throws IllegalArgumentException if the list is empty, a sequence is empty or an id is outside the modality
     */
    public ClosedSetConstraint(VocabularyLayout layout, String modality, List<int[]> sequences) {
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("a closed-set constraint on '" + modality + "' needs at least one sequence");
        }
        if (!layout.has(modality)) {
            throw new IllegalArgumentException("the layout has no modality '" + modality + "': " + layout.modalities());
        }
        this.layout = layout;
        this.modality = modality;
        int size = layout.vocabularySize(modality);
        for (int s = 0; s < sequences.size(); s++) {
            int[] seq = sequences.get(s);
            if (seq.length == 0) {
                throw new IllegalArgumentException("sequence " + s + " of the closed set on '" + modality + "' is empty");
            }
            Node n = root;
            for (int i = 0; i < seq.length; i++) {
                if (seq[i] < 0 || seq[i] >= size) {
                    throw new IllegalArgumentException("sequence " + s + " has id " + seq[i] + " at position " + i
                            + ", outside '" + modality + "' (0.." + (size - 1) + ")");
                }
                n = n.next.computeIfAbsent(seq[i], k -> new Node());
            }
            n.terminal = true;
        }
    }

    @Override
    public void process(GenerationContext ctx, float[] logits) {
        if (!modality.equals(ctx.openModality())) {
            return;
        }
        Node n = root;
        int start = ctx.length() - ctx.openLength();
        for (int i = start; i < ctx.length(); i++) {
            n = n.next.get(layout.toLocal(modality, ctx.id(i)));
            if (n == null) {
                throw new IllegalStateException("the '" + modality + "' segment written so far (position " + i
                        + ") is not the prefix of any sequence of the closed set");
            }
        }
        boolean[] ok = new boolean[logits.length];
        for (int local : n.next.keySet()) {
            ok[layout.toGlobal(modality, local)] = true;
        }
        if (n.terminal) {
            ok[layout.end(modality)] = true;
        }
        for (int i = 0; i < logits.length; i++) {
            if (!ok[i]) {
                logits[i] = Float.NEGATIVE_INFINITY;
            } else if (logits[i] == Float.NEGATIVE_INFINITY) {
                logits[i] = -1e30f; // keep an allowed choice drawable even if an earlier processor ruled it out
            }
        }
    }
}
