package dev.tessera.core.generate;

import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;

/**
 * What a {@link LogitsProcessor} may read about the sequence being generated: all ids so far
 * (prompt + generated), the prompt length, the layout, and the segment being written.
 */
public final class GenerationContext {
    private final VocabularyLayout layout;
    private int[] ids;
    private int length;
    private final int promptLength;
    private String openModality;
    private int openLength;

    GenerationContext(VocabularyLayout layout, int[] prompt) {
        this.layout = layout;
        this.ids = Arrays.copyOf(prompt, Math.max(16, prompt.length * 2));
        this.length = prompt.length;
        this.promptLength = prompt.length;
        if (layout != null && layout.framed()) {
            for (int id : prompt) {
                track(id);
            }
        }
    }

    void append(int id) {
        if (length == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        ids[length++] = id;
        if (layout != null && layout.framed()) {
            track(id);
        }
    }

    private void track(int id) {
        String m = layout.modalityOf(id);
        if (m != null) {
            openLength++;
            return;
        }
        String opened = layout.opens(id);
        if (opened != null) {
            openModality = opened;
            openLength = 0;
        } else if (layout.closes(id) != null || id == layout.eos()) {
            openModality = null;
            openLength = 0;
        }
    }

    /** @return the layout (may be null for a layout-free engine) */
    public VocabularyLayout layout() {
        return layout;
    }

    /** @return a copy of all ids so far */
    public int[] ids() {
        return Arrays.copyOf(ids, length);
    }

    /**
     * Returns one id.
     *
     * @param i position from 0
     * @return the id
     */
    public int id(int i) {
        return ids[i];
    }

    /** @return how many ids so far */
    public int length() {
        return length;
    }

    /** @return the prompt length */
    public int promptLength() {
        return promptLength;
    }

    /** @return how many tokens were generated so far */
    public int generated() {
        return length - promptLength;
    }

    /** @return the modality of the open segment, or {@code null} between segments */
    public String openModality() {
        return openModality;
    }

    /** @return how many content tokens the open segment has so far */
    public int openLength() {
        return openLength;
    }
}
