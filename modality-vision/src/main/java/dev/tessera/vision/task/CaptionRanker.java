package dev.tessera.vision.task;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.util.NativeArrays;
import dev.tessera.text.modality.ByteText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closed-vocabulary captioning that asks the model both ways: a caption {@code c} of image {@code x} is
 * scored {@code log p(c | x) + imageWeight * log p(x | c)}, the image-to-text direction plus the
 * text-to-image direction (a generative classifier, Bayes' rule with a uniform prior). The two
 * directions err on different images, so together they caption better than either alone.
 *
 * <p>Cost is kept low in two ways. {@code log p(c | x)} is the caption's probability under the
 * closed vocabulary: at every point of the captions' byte trie where they branch, the model's
 * distribution renormalised over the allowed next bytes (non-branching bytes contribute nothing). So
 * one forward pass per branching point and image scores every caption (3 for the Fashion-MNIST labels,
 * instead of one pass per caption). {@code log p(x | c)} needs one pass per caption and image, so it is
 * computed only for the {@code candidates} best captions of the first direction.
 *
 * <p>Thread safety: not thread-safe (it scores through one DJL model); use one per thread.
 */
public final class CaptionRanker {
    private final DecoderModel model;
    private final VocabularyLayout layout;
    private final List<String> captions;
    private final int tokensPerImage;
    private final List<int[]> branchPrefixes = new ArrayList<>();
    private final List<int[]> branchChoices = new ArrayList<>();
    /** Per caption: for each branching point on its path, {branch index, choice index}. */
    private final List<int[][]> paths = new ArrayList<>();

    /**
     * Creates a ranker.
     *
     * @param model the vision-language backbone
     * @param layout its layout
     * @param captions the closed vocabulary (distinct, none empty)
     * @param tokensPerImage codes per image
     */
    public CaptionRanker(DecoderModel model, VocabularyLayout layout, List<String> captions, int tokensPerImage) {
        if (captions.isEmpty() || captions.stream().distinct().count() != captions.size()) {
            throw new IllegalArgumentException("captions must be distinct and at least one: " + captions);
        }
        this.model = model;
        this.layout = layout;
        this.captions = List.copyOf(captions);
        this.tokensPerImage = tokensPerImage;
        int end = layout.end(ByteText.NAME);
        // each caption as global ids ending with END:text; a node is a prefix, its choices the next ids
        List<int[]> seqs = new ArrayList<>();
        for (String c : captions) {
            int[] b = ByteText.encode(c);
            if (b.length == 0) {
                throw new IllegalArgumentException("an empty caption cannot be ranked");
            }
            int[] g = new int[b.length + 1];
            for (int i = 0; i < b.length; i++) {
                g[i] = layout.toGlobal(ByteText.NAME, b[i]);
            }
            g[b.length] = end;
            seqs.add(g);
        }
        Map<String, Integer> branchOf = new HashMap<>();
        for (int[] s : seqs) {
            for (int d = 0; d < s.length; d++) {
                int[] prefix = Arrays.copyOf(s, d);
                List<Integer> next = new ArrayList<>();
                for (int[] o : seqs) {
                    if (o.length > d && Arrays.equals(Arrays.copyOf(o, d), prefix) && !next.contains(o[d])) {
                        next.add(o[d]);
                    }
                }
                if (next.size() > 1 && !branchOf.containsKey(Arrays.toString(prefix))) {
                    branchOf.put(Arrays.toString(prefix), branchPrefixes.size());
                    branchPrefixes.add(prefix);
                    branchChoices.add(next.stream().mapToInt(Integer::intValue).toArray());
                }
            }
        }
        for (int[] s : seqs) {
            List<int[]> path = new ArrayList<>();
            for (int d = 0; d < s.length; d++) {
                Integer b = branchOf.get(Arrays.toString(Arrays.copyOf(s, d)));
                if (b != null) {
                    int[] choices = branchChoices.get(b);
                    int k = 0;
                    while (choices[k] != s[d]) {
                        k++;
                    }
                    path.add(new int[] {b, k});
                }
            }
            paths.add(path.toArray(new int[0][]));
        }
    }

    /** @return the number of branching points of the captions' trie (forward passes per image) */
    public int branchingPoints() {
        return branchPrefixes.size();
    }

    /**
     * {@code log p(caption | image)} under the closed vocabulary, for every caption.
     *
     * @param grids images' codes (local ids)
     * @return {@code [image][caption]} log-probabilities; each row's exponentials sum to 1
     */
    public double[][] captionGivenImage(int[][] grids) {
        checkGrids(grids);
        int nb = branchPrefixes.size();
        double[][] out = new double[grids.length][captions.size()];
        if (nb == 0) {
            return out; // one caption: probability 1
        }
        int perChunk = Math.max(1, 256 / nb);
        for (int from = 0; from < grids.length; from += perChunk) {
            int to = Math.min(grids.length, from + perChunk);
            List<int[]> rows = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int[] prompt = VisionSequences.captionPrompt(layout, grids[i]);
                for (int[] p : branchPrefixes) {
                    int[] r = Arrays.copyOf(prompt, prompt.length + p.length);
                    System.arraycopy(p, 0, r, prompt.length, p.length);
                    rows.add(r);
                }
            }
            float[][] last = lastLogits(rows);
            for (int i = from; i < to; i++) {
                double[][] logp = new double[nb][];
                for (int b = 0; b < nb; b++) {
                    logp[b] = renormalised(last[(i - from) * nb + b], branchChoices.get(b));
                }
                for (int c = 0; c < captions.size(); c++) {
                    double s = 0;
                    for (int[] step : paths.get(c)) {
                        s += logp[step[0]][step[1]];
                    }
                    out[i][c] = s;
                }
            }
        }
        return out;
    }

    private void checkGrids(int[][] grids) {
        for (int i = 0; i < grids.length; i++) {
            if (grids[i].length != tokensPerImage) {
                throw new IllegalArgumentException("image " + i + " has " + grids[i].length + " codes, expected "
                        + tokensPerImage);
            }
        }
    }

    private static double[] renormalised(float[] logits, int[] choices) {
        double max = Double.NEGATIVE_INFINITY;
        for (int id : choices) {
            max = Math.max(max, logits[id]);
        }
        double sum = 0;
        for (int id : choices) {
            sum += Math.exp(logits[id] - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[choices.length];
        for (int k = 0; k < choices.length; k++) {
            out[k] = logits[choices[k]] - lse;
        }
        return out;
    }

    /** The logits after each row's last id (rows right-padded with EOS to one length). */
    private float[][] lastLogits(List<int[]> rows) {
        int t = rows.stream().mapToInt(r -> r.length).max().orElse(1);
        int b = rows.size();
        int[] ids = new int[b * t];
        Arrays.fill(ids, layout.eos());
        for (int i = 0; i < b; i++) {
            System.arraycopy(rows.get(i), 0, ids, i * t, rows.get(i).length);
        }
        int[] last = new int[b];
        for (int i = 0; i < b; i++) {
            last[i] = i * t + rows.get(i).length - 1;
        }
        try (NDManager s = model.manager().newSubManager()) {
            NDArray hidden = model.forward(NativeArrays.ints(s, ids, new Shape(b, t)), null);
            NDArray flat = hidden.reshape(b * (long) t, hidden.getShape().get(2));
            NDArray idx = NativeArrays.ints(s, last, new Shape(b));
            NDArray picked = idx.getNDArrayInternal().embedding(idx, flat, SparseFormat.DENSE).singletonOrThrow();
            float[] all = model.logits(picked).toFloatArray();
            int v = all.length / b;
            float[][] out = new float[b][];
            for (int i = 0; i < b; i++) {
                out[i] = Arrays.copyOfRange(all, i * v, (i + 1) * v);
            }
            return out;
        }
    }

    /**
     * {@code log p(image | caption)} for chosen captions of each image (the text-to-image form: the image's
     * codes, END:image and EOS given BOS, the caption and BEGIN:image).
     *
     * @param grids images' codes
     * @param chosen for each image, indexes into the captions
     * @return for each image, one log-likelihood per chosen caption
     */
    public double[][] imageGivenCaption(int[][] grids, int[][] chosen) {
        checkGrids(grids);
        if (chosen.length != grids.length) {
            throw new IllegalArgumentException(chosen.length + " caption choices for " + grids.length + " images");
        }
        List<TaskExample> ex = new ArrayList<>();
        for (int i = 0; i < grids.length; i++) {
            for (int c : chosen[i]) {
                ex.add(VisionSequences.textToImage(layout, captions.get(c), grids[i]));
            }
        }
        double[] flat = new double[ex.size()];
        try (TokenLoss loss = new TokenLoss(layout, model.manager());
                NDManager scope = model.manager().newSubManager()) {
            for (int from = 0; from < ex.size(); from += 128) {
                int to = Math.min(ex.size(), from + 128);
                double[] ll = loss.rowLogLikelihoods(model, TaskExample.batch(ex.subList(from, to), 1, layout.eos()),
                        scope);
                System.arraycopy(ll, 0, flat, from, ll.length);
            }
        }
        double[][] out = new double[grids.length][];
        int k = 0;
        for (int i = 0; i < grids.length; i++) {
            out[i] = Arrays.copyOfRange(flat, k, k + chosen[i].length);
            k += chosen[i].length;
        }
        return out;
    }

    /**
     * Captions images with both directions.
     *
     * @param grids images' codes
     * @param imageWeights the weights of {@code log p(image | caption)} to report (0 = the first direction only)
     * @param candidates how many of the first direction's best captions the second direction re-scores
     * @return for each weight, the chosen caption of every image
     */
    public Map<Double, List<String>> caption(int[][] grids, double[] imageWeights, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates (" + candidates + ") must be >= 1");
        }
        double[][] cap = captionGivenImage(grids);
        int k = Math.min(candidates, captions.size());
        int[][] chosen = new int[grids.length][];
        for (int i = 0; i < grids.length; i++) {
            double[] row = cap[i];
            chosen[i] = java.util.stream.IntStream.range(0, row.length).boxed()
                    .sorted((a, b) -> Double.compare(row[b], row[a])).limit(k).mapToInt(Integer::intValue).toArray();
        }
        boolean needImage = Arrays.stream(imageWeights).anyMatch(w -> w != 0);
        double[][] img = needImage && k > 1 ? imageGivenCaption(grids, chosen) : null;
        Map<Double, List<String>> out = new LinkedHashMap<>();
        for (double w : imageWeights) {
            List<String> pick = new ArrayList<>();
            for (int i = 0; i < grids.length; i++) {
                int best = chosen[i][0];
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < chosen[i].length; j++) {
                    double s = cap[i][chosen[i][j]] + (img == null ? 0 : w * img[i][j]);
                    if (s > bestScore) {
                        bestScore = s;
                        best = chosen[i][j];
                    }
                }
                pick.add(captions.get(best));
            }
            out.put(w, pick);
        }
        return out;
    }
}
