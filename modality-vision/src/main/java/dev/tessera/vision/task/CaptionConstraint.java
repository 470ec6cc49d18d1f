package dev.tessera.vision.task;

import dev.tessera.core.generate.GenerationContext;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-vocabulary captioning: inside a text segment, only bytes that continue one of the known
 * texts (and END:text once a whole text is written) are allowed, through a byte trie. Outside a text
 * segment it does nothing.
 */
public final class CaptionConstraint implements LogitsProcessor {
    private final VocabularyLayout layout;
    private final Node root = new Node();

    private static final class Node {
        final Map<Integer, Node> next = new HashMap<>();
        boolean terminal;
    }

    /**
     * Creates the constraint.
     *
     * @param layout the layout (with a {@code "text"} modality)
     * @param texts the texts that may be written (at least one, none empty)
     */
    public CaptionConstraint(VocabularyLayout layout, List<String> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("caption constraint needs at least one text");
        }
        this.layout = layout;
        for (String t : texts) {
            if (t.isEmpty()) {
                throw new IllegalArgumentException("caption constraint texts must not be empty");
            }
            Node n = root;
            for (int b : Utf8Text.encode(t)) {
                n = n.next.computeIfAbsent(b, k -> new Node());
            }
            n.terminal = true;
        }
    }

    @Override
    public void process(GenerationContext ctx, float[] logits) {
        if (!Utf8Text.MODALITY.equals(ctx.openModality())) {
            return;
        }
        Node n = root;
        int start = ctx.length() - ctx.openLength();
        for (int i = start; i < ctx.length(); i++) {
            n = n.next.get(layout.toLocal(Utf8Text.MODALITY, ctx.id(i)));
            if (n == null) {
                throw new IllegalStateException("text written so far at position " + i
                        + " is not the prefix of any known caption");
            }
        }
        boolean[] ok = new boolean[logits.length];
        for (int b : n.next.keySet()) {
            ok[layout.toGlobal(Utf8Text.MODALITY, b)] = true;
        }
        if (n.terminal) {
            ok[layout.end(Utf8Text.MODALITY)] = true;
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
