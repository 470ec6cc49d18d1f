package dev.tessera.pointcloud.modality;

import dev.tessera.core.generate.GenerationContext;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.octree.OctreeGrammar;

/**
 * Constrained decoding of an octree segment, as a core {@link LogitsProcessor}: while a segment of
 * the octree modality is open and its tree is incomplete, only child masks that keep the tree
 * valid and completable within the mask budget keep their logits (non-zero masks; the number of
 * masks at level {@code d + 1} is the popcount sum of level {@code d}; {@code END} is forbidden);
 * once the tree is complete, {@code END} of the modality is the only allowed token. Every
 * generated segment therefore decodes to a valid octree: invalid masks are impossible, not
 * filtered afterwards. Outside such a segment the logits are left alone.
 *
 * <p>The processor keeps no state: at every step it replays the open segment's masks (read from
 * the {@link GenerationContext}) through an {@link OctreeGrammar}, so one instance serves every row
 * of a batch. The replay costs a few hundred integer operations, nothing beside a forward pass.
 *
 * <pre>{@code
 * // given: VocabularyLayout layout, long seed, Generator generator, List<int[]> prompts
 * OctreeConstraint octree = new OctreeConstraint(layout, "shape", 3, 120);
 * SamplingConfig sc = SamplingConfig.sample(0.5, seed, 121).withStopTokens(layout.end("shape"));
 * List<GenerationResult> r = generator.generateBatch(prompts, sc, List.of(octree), null);
 * }</pre>
 */
public final class OctreeConstraint implements LogitsProcessor {
    private final String modality;
    private final int depth;
    private final int budget;
    private final int offset;
    private final int end;

    /**
     * Creates the constraint.
     *
     * @param layout the framed vocabulary layout of the generation
     * @param modality the octree modality's name (256 local ids, one per child mask)
     * @param depth octree depth
     * @param budget most masks one segment may hold (e.g. context minus prompt minus 2)
     * @throws IllegalArgumentException if the modality is not a 256-id modality of the layout, or the
     *     budget cannot hold even a single-leaf tree of that depth
     */
    public OctreeConstraint(VocabularyLayout layout, String modality, int depth, int budget) {
        if (!layout.framed() || !layout.has(modality) || layout.vocabularySize(modality) != 256) {
            throw new IllegalArgumentException("modality '" + modality + "' must be a 256-id modality of a framed"
                    + " layout; layout is " + layout);
        }
        if (budget < depth) {
            throw new IllegalArgumentException("budget (" + budget + ") cannot hold even a single-leaf depth-" + depth
                    + " octree");
        }
        new OctreeGrammar(depth); // validates the depth
        this.modality = modality;
        this.depth = depth;
        this.budget = budget;
        this.offset = layout.offset(modality);
        this.end = layout.end(modality);
    }

    /** @return the mask budget per segment */
    public int budget() {
        return budget;
    }

    @Override
    public void process(GenerationContext context, float[] logits) {
        if (!modality.equals(context.openModality())) {
            return;
        }
        OctreeGrammar grammar = replay(context);
        if (grammar.complete()) {
            float keep = logits[end];
            java.util.Arrays.fill(logits, Float.NEGATIVE_INFINITY);
            logits[end] = Float.isFinite(keep) ? keep : 0f;
            return;
        }
        for (int i = 0; i < logits.length; i++) {
            int m = i - offset;
            boolean allowed = m >= 0 && m < 256 && grammar.allows(m, budget);
            if (!allowed) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Replays the open segment's masks.
     *
     * @param context the generation so far, inside an open segment of this modality
     * @return the grammar state after those masks
     * @throws IllegalArgumentException if the segment (e.g. a given prefix) is not a valid partial octree
     */
    OctreeGrammar replay(GenerationContext context) {
        OctreeGrammar g = new OctreeGrammar(depth);
        int start = context.length() - context.openLength();
        for (int i = start; i < context.length(); i++) {
            int m = context.id(i) - offset;
            if (!g.allows(m, budget)) {
                throw new IllegalArgumentException("id " + context.id(i) + " at position " + i + " is not an allowed"
                        + " octree mask there (mask " + (g.written()) + " of the segment, level " + g.level()
                        + ", budget " + budget + ")");
            }
            g.accept(m);
        }
        return g;
    }
}
