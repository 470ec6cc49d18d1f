package dev.tessera.pointcloud.generate;

import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.octree.OctreeGrammar;
import java.util.Arrays;

/**
 * Constrained decoding of an octree segment: while the tree is incomplete only child masks that
 * keep it valid and completable within the token budget are allowed (non-zero masks; the number of
 * masks at level {@code d + 1} is the popcount sum of level {@code d}); once it is complete the
 * only allowed token is {@code END:points}. Every accepted stream therefore decodes to a valid
 * octree.
 */
public final class OctreeConstraint implements TokenConstraint {
    private final OctreeGrammar grammar;
    private final int offset;
    private final int end;
    private final int budget;
    private boolean finished;

    /**
     * Creates the constraint for one row.
     *
     * @param layout the vocabulary layout
     * @param modality the point modality's name
     * @param depth octree depth
     * @param budget most masks the segment may hold (e.g. context minus prompt minus 1)
     */
    public OctreeConstraint(VocabularyLayout layout, String modality, int depth, int budget) {
        if (budget < depth) {
            throw new IllegalArgumentException("budget (" + budget + ") cannot hold even a single-leaf depth-" + depth
                    + " octree");
        }
        this.grammar = new OctreeGrammar(depth);
        this.offset = layout.offset(modality);
        this.end = layout.end(modality);
        this.budget = budget;
    }

    @Override
    public void apply(float[] logits) {
        float[] kept = new float[256];
        boolean[] allowed = new boolean[256];
        boolean complete = grammar.complete();
        for (int m = 0; m < 256; m++) {
            allowed[m] = !complete && grammar.allows(m, budget);
            kept[m] = logits[offset + m];
        }
        float endLogit = logits[end];
        Arrays.fill(logits, Float.NEGATIVE_INFINITY);
        if (complete) {
            logits[end] = Float.isFinite(endLogit) ? endLogit : 0f;
            return;
        }
        for (int m = 0; m < 256; m++) {
            if (allowed[m]) {
                logits[offset + m] = kept[m];
            }
        }
    }

    @Override
    public void accept(int globalId) {
        if (finished) {
            throw new IllegalArgumentException("token " + globalId + " after END of the octree segment");
        }
        if (grammar.complete()) {
            if (globalId != end) {
                throw new IllegalArgumentException("the octree is complete after " + grammar.written()
                        + " masks; only END is allowed, got id " + globalId);
            }
            finished = true;
            return;
        }
        int m = globalId - offset;
        if (m < 0 || m > 255 || !grammar.allows(m, budget)) {
            throw new IllegalArgumentException("id " + globalId + " is not an allowed mask at position "
                    + grammar.written() + " (level " + grammar.level() + ")");
        }
        grammar.accept(m);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    /** @return the masks written so far */
    public int written() {
        return grammar.written();
    }
}
