package dev.tessera.core.token;

import dev.tessera.core.io.Limits;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps every modality's local ids into one global id space and says which output head scores
 * which global ids.
 *
 * <p>A <b>framed</b> layout (the default for multimodal models) starts with control tokens:
 * {@code BOS = 0}, {@code EOS = 1}, then {@code BEGIN:m} and {@code END:m} for each modality
 * {@code m} in order; after them, each modality gets a contiguous range of its local vocabulary.
 * There is one head per modality, scoring the modality's range plus its {@code END:m}, and one
 * <b>control head</b> scoring every {@code BEGIN:m} and {@code EOS}. During training a position
 * is scored by the head that owns its target; during generation by the head of the segment
 * being written.
 *
 * <p>A <b>plain</b> layout has one modality, no control tokens and one head over the whole
 * vocabulary: the layout of a classic language model (GPT-2, {@code gpt_ref.py}).
 *
 * <p>Adding a modality appends ids and a head; existing ids and heads keep their meaning only if
 * the modality is appended last (ids after it shift otherwise), so keep the order stable.
 */
public final class VocabularyLayout {
    /** Name of the control head of a framed layout. */
    public static final String CONTROL_HEAD = "control";

    private final boolean framed;
    private final List<String> modalities;
    private final int[] sizes;
    private final int[] offsets;
    private final int total;
    private final int[] headOfId;
    private final int[][] headIds;

    /** Most modalities one layout may hold. */
    public static final int MAX_MODALITIES = 1024;

    private VocabularyLayout(boolean framed, Map<String, Integer> sizesByName) {
        if (sizesByName.isEmpty()) {
            throw new IllegalArgumentException("a vocabulary layout needs at least one modality");
        }
        if (!framed && sizesByName.size() != 1) {
            throw new IllegalArgumentException("a plain layout holds exactly one modality, got " + sizesByName.keySet());
        }
        if (sizesByName.size() > MAX_MODALITIES) {
            throw new IllegalArgumentException("a layout holds at most " + MAX_MODALITIES + " modalities, got "
                    + sizesByName.size());
        }
        this.framed = framed;
        this.modalities = List.copyOf(sizesByName.keySet());
        int m = modalities.size();
        this.sizes = new int[m];
        this.offsets = new int[m];
        int next = framed ? 2 + 2 * m : 0;
        for (int i = 0; i < m; i++) {
            String name = modalities.get(i);
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalArgumentException("modality name '" + name + "' must match [a-z][a-z0-9_-]*");
            }
            if (CONTROL_HEAD.equals(name)) {
                throw new IllegalArgumentException("'" + CONTROL_HEAD + "' is reserved for the control head");
            }
            Integer size = sizesByName.get(name);
            if (size == null || size < 1) {
                throw new IllegalArgumentException("modality '" + name + "' has vocabulary size " + size + ", must be >= 1");
            }
            sizes[i] = size;
            offsets[i] = next;
            next += Math.min(size, Limits.MAX_VOCABULARY + 1);
            if (next > Limits.MAX_VOCABULARY) {
                throw new IllegalArgumentException("the layout has over " + Limits.MAX_VOCABULARY + " ids (modality '"
                        + name + "' has " + size + "); that is the most a layout may have");
            }
        }
        this.total = next;
        int heads = framed ? m + 1 : 1;
        this.headOfId = new int[total];
        List<List<Integer>> ids = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            ids.add(new ArrayList<>());
        }
        for (int id = 0; id < total; id++) {
            int h = computeHead(id);
            headOfId[id] = h;
            if (h >= 0) {
                ids.get(h).add(id);
            }
        }
        this.headIds = new int[heads][];
        for (int h = 0; h < heads; h++) {
            headIds[h] = ids.get(h).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private int computeHead(int id) {
        if (!framed) {
            return 0;
        }
        int m = modalities.size();
        if (id == bos()) {
            return -1; // BOS is never predicted
        }
        if (id == eos()) {
            return m;
        }
        if (id < 2 + 2 * m) {
            int k = (id - 2) / 2;
            boolean isBegin = (id - 2) % 2 == 0;
            return isBegin ? m : k;
        }
        return indexOfContent(id);
    }

    private int indexOfContent(int id) {
        for (int i = 0; i < sizes.length; i++) {
            if (id >= offsets[i] && id < offsets[i] + sizes[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Creates a framed layout with control tokens, modalities in the given order.
     *
     * @param sizesByName modality name to local vocabulary size, in layout order
     * @return the layout
     */
    public static VocabularyLayout framed(Map<String, Integer> sizesByName) {
        return new VocabularyLayout(true, new LinkedHashMap<>(sizesByName));
    }

    /**
     * Creates a plain single-modality layout without control tokens (a classic LM).
     *
     * @param modality the modality name
     * @param size its vocabulary size
     * @return the layout
     */
    public static VocabularyLayout plain(String modality, int size) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(modality, size);
        return new VocabularyLayout(false, m);
    }

    /** @return whether this layout has control tokens */
    public boolean framed() {
        return framed;
    }

    /** @return the total number of global ids */
    public int size() {
        return total;
    }

    /** @return the modality names in layout order */
    public List<String> modalities() {
        return modalities;
    }

    /**
     * Tells whether a modality is part of this layout.
     *
     * @param modality the modality name
     * @return {@code true} if present
     */
    public boolean has(String modality) {
        return modalities.contains(modality);
    }

    private int index(String modality) {
        int i = modalities.indexOf(modality);
        if (i < 0) {
            throw new IllegalArgumentException("modality '" + modality + "' is not in this layout " + modalities);
        }
        return i;
    }

    private void requireFramed(String what) {
        if (!framed) {
            throw new IllegalStateException(what + " does not exist in a plain layout (no control tokens)");
        }
    }

    /** @return the id of BOS (framed layouts only) */
    public int bos() {
        requireFramed("BOS");
        return 0;
    }

    /** @return the id of EOS (framed layouts only) */
    public int eos() {
        requireFramed("EOS");
        return 1;
    }

    /**
     * Returns the id of {@code BEGIN:modality}.
     *
     * @param modality the modality name
     * @return the global id
     */
    public int begin(String modality) {
        requireFramed("BEGIN:" + modality);
        return 2 + 2 * index(modality);
    }

    /**
     * Returns the id of {@code END:modality}.
     *
     * @param modality the modality name
     * @return the global id
     */
    public int end(String modality) {
        requireFramed("END:" + modality);
        return 3 + 2 * index(modality);
    }

    /**
     * Returns the modality a control id opens.
     *
     * @param global a global id
     * @return {@code m} if the id is {@code BEGIN:m}, otherwise {@code null}
     */
    public String opens(int global) {
        checkId(global, -1);
        int k = global - 2;
        return framed && k >= 0 && k < 2 * modalities.size() && k % 2 == 0 ? modalities.get(k / 2) : null;
    }

    /**
     * Returns the modality a control id closes.
     *
     * @param global a global id
     * @return {@code m} if the id is {@code END:m}, otherwise {@code null}
     */
    public String closes(int global) {
        checkId(global, -1);
        int k = global - 2;
        return framed && k >= 0 && k < 2 * modalities.size() && k % 2 == 1 ? modalities.get(k / 2) : null;
    }

    /**
     * Returns the first global id of a modality's range.
     *
     * @param modality the modality name
     * @return the offset
     */
    public int offset(String modality) {
        return offsets[index(modality)];
    }

    /**
     * Returns a modality's local vocabulary size.
     *
     * @param modality the modality name
     * @return the size
     */
    public int vocabularySize(String modality) {
        return sizes[index(modality)];
    }

    /**
     * Maps a local id to its global id.
     *
     * @param modality the modality name
     * @param local the local id
     * @return the global id
     * @throws UnknownTokenException if {@code local} is outside the modality's vocabulary
     */
    public int toGlobal(String modality, int local) {
        int i = index(modality);
        if (local < 0 || local >= sizes[i]) {
            throw new UnknownTokenException(local, -1, "modality '" + modality + "' has " + sizes[i] + " local ids");
        }
        return offsets[i] + local;
    }

    /**
     * Maps a global id back to the modality's local id.
     *
     * @param modality the modality name
     * @param global the global id
     * @return the local id
     * @throws UnknownTokenException if {@code global} is not in the modality's range
     */
    public int toLocal(String modality, int global) {
        int i = index(modality);
        int local = global - offsets[i];
        if (local < 0 || local >= sizes[i]) {
            throw new UnknownTokenException(global, -1, "not a content id of modality '" + modality + "' ["
                    + offsets[i] + ", " + (offsets[i] + sizes[i]) + ")");
        }
        return local;
    }

    /**
     * Returns the modality whose content range holds a global id.
     *
     * @param global the global id
     * @return the modality name, or {@code null} for a control token
     */
    public String modalityOf(int global) {
        checkId(global, -1);
        int i = indexOfContent(global);
        return i < 0 ? null : modalities.get(i);
    }

    /**
     * Checks that a global id exists.
     *
     * @param global the id
     * @param position where it was found, for the message
     * @throws UnknownTokenException if it does not
     */
    public void checkId(int global, int position) {
        if (global < 0 || global >= total) {
            throw new UnknownTokenException(global, position, "global vocabulary of " + total + " ids");
        }
    }

    /**
     * Returns a readable name of a global id ({@code BOS}, {@code BEGIN:text}, {@code text:65}).
     *
     * @param global the id
     * @return its name
     */
    public String describe(int global) {
        checkId(global, -1);
        String m = modalityOf(global);
        if (m != null) {
            return m + ":" + (global - offset(m));
        }
        if (global == 0) {
            return "BOS";
        }
        if (global == 1) {
            return "EOS";
        }
        int k = (global - 2) / 2;
        return ((global - 2) % 2 == 0 ? "BEGIN:" : "END:") + modalities.get(k);
    }

    /** @return the number of output heads */
    public int headCount() {
        return headIds.length;
    }

    /**
     * Returns a head's name: a modality name or {@link #CONTROL_HEAD}.
     *
     * @param head the head index
     * @return its name
     */
    public String headName(int head) {
        return head < modalities.size() ? modalities.get(head) : CONTROL_HEAD;
    }

    /**
     * Returns the head that scores a modality's tokens (and its END token).
     *
     * @param modality the modality name
     * @return the head index
     */
    public int headOfModality(String modality) {
        return index(modality);
    }

    /**
     * Returns the index of the control head.
     *
     * @return the head index
     */
    public int controlHead() {
        requireFramed("the control head");
        return modalities.size();
    }

    /**
     * Returns the head that scores a target id.
     *
     * @param target a global id
     * @return the head index, or -1 for BOS (never a target)
     */
    public int headOf(int target) {
        checkId(target, -1);
        return headOfId[target];
    }

    /**
     * Returns the global ids a head scores, ascending.
     *
     * @param head the head index
     * @return a copy of the ids
     */
    public int[] headIds(int head) {
        return headIds[head].clone();
    }

    /**
     * Returns a description for {@code config.json}.
     *
     * @return the layout as plain data
     */
    public Spec spec() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < modalities.size(); i++) {
            m.put(modalities.get(i), sizes[i]);
        }
        return new Spec(framed, Collections.unmodifiableMap(m));
    }

    /**
     * Rebuilds a layout from its description.
     *
     * @param spec the description
     * @return the layout
     */
    public static VocabularyLayout fromSpec(Spec spec) {
        if (spec.modalities() == null) {
            throw new IllegalArgumentException("layout.modalities must be given (modality name: vocabulary size)");
        }
        return spec.framed() ? framed(spec.modalities()) : new VocabularyLayout(false, new LinkedHashMap<>(spec.modalities()));
    }

    /**
     * Plain-data form of a layout.
     *
     * @param framed whether there are control tokens
     * @param modalities modality name to vocabulary size, in order
     */
    public record Spec(boolean framed, Map<String, Integer> modalities) { }

    @Override
    public boolean equals(Object o) {
        return o instanceof VocabularyLayout && ((VocabularyLayout) o).spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return "VocabularyLayout[" + (framed ? "framed" : "plain") + ", " + total + " ids, " + spec().modalities()
                + ", heads " + headIds.length + "]";
    }
}
