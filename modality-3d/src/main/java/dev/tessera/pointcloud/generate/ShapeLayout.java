package dev.tessera.pointcloud.generate;

import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.data.ShapeClass;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token layout of class-conditioned shape generation: a framed vocabulary with a
 * {@code shape_class} modality (one id per {@link ShapeClass}) and a {@code points} modality (the
 * 256 octree child masks). A training sequence is
 * {@code BOS BEGIN:shape_class c END:shape_class BEGIN:points m1 .. mN END:points EOS}; a
 * generation prompt stops after {@code BEGIN:points}.
 */
public final class ShapeLayout {
    /** Name of the class-label modality. */
    public static final String CLASS_MODALITY = "shape_class";
    /** Name of the point (octree mask) modality. */
    public static final String POINTS_MODALITY = "points";
    /** Tokens before the first mask: BOS, BEGIN:shape_class, class, END:shape_class, BEGIN:points. */
    public static final int PROMPT_LENGTH = 5;

    private final VocabularyLayout layout;

    /** Creates the layout for every {@link ShapeClass}. */
    public ShapeLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(CLASS_MODALITY, ShapeClass.values().length);
        m.put(POINTS_MODALITY, 256);
        this.layout = VocabularyLayout.framed(m);
    }

    /** @return the vocabulary layout */
    public VocabularyLayout layout() {
        return layout;
    }

    /**
     * Returns the generation prompt for a class.
     *
     * @param c the class
     * @return global ids, {@link #PROMPT_LENGTH} long
     */
    public int[] prompt(ShapeClass c) {
        return new int[] {layout.bos(), layout.begin(CLASS_MODALITY), layout.toGlobal(CLASS_MODALITY, c.ordinal()),
            layout.end(CLASS_MODALITY), layout.begin(POINTS_MODALITY)};
    }

    /**
     * Returns the full training sequence of a class and its octree masks.
     *
     * @param c the class
     * @param masks octree tokens
     * @return global ids, {@code PROMPT_LENGTH + masks.length + 2} long
     */
    public int[] sequence(ShapeClass c, int[] masks) {
        int[] p = prompt(c);
        int[] out = new int[p.length + masks.length + 2];
        System.arraycopy(p, 0, out, 0, p.length);
        for (int i = 0; i < masks.length; i++) {
            out[p.length + i] = layout.toGlobal(POINTS_MODALITY, masks[i]);
        }
        out[out.length - 2] = layout.end(POINTS_MODALITY);
        out[out.length - 1] = layout.eos();
        return out;
    }
}
