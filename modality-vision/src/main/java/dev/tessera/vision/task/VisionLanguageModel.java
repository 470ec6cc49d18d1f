package dev.tessera.vision.task;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.training.GradientCollector;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.nn.Adam;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Text and images on one decoder-only backbone: a framed
 * {@link VocabularyLayout} with a {@code text} modality (caption characters) and an {@code image}
 * modality (the codec's codes). Image tokens enter as their embedding plus a learned projection
 * of their code vector (an input adapter); each position is scored by the head of its target's
 * modality (the other ids are masked out of the softmax).
 *
 * <p>Two sequence forms are trained together:
 * <ul>
 *   <li>text to image: {@code BOS BEGIN:text caption END:text BEGIN:image 49 codes END:image EOS},
 *       loss on the image part;</li>
 *   <li>image to text: {@code BOS BEGIN:image 49 codes END:image BEGIN:text caption END:text EOS},
 *       loss on the text part (and, with a small weight, on the image codes, so the model can also
 *       complete images without a caption).</li>
 * </ul>
 * Generation is constrained: an image segment is exactly {@code grid^2} image tokens, and a caption
 * is one of the known captions (closed-vocabulary captioning through a character trie).
 */
public final class VisionLanguageModel implements AutoCloseable {
    /** The text modality name. */
    public static final String TEXT = "text";
    /** The image modality name. */
    public static final String IMAGE = "image";
    private static final float MASKED = -1e9f;

    private final ImageCodec codec;
    private final CaptionAlphabet alphabet;
    private final List<String> captions;
    private final VocabularyLayout layout;
    private final TinyGpt model;
    private final NDArray featureTable;
    private final NDArray headMask;
    private final int[] headOfId;

    /**
     * Backbone size.
     *
     * @param layers transformer blocks
     * @param heads attention heads
     * @param dModel residual width
     */
    public record Size(int layers, int heads, int dModel) {
        /** Validates the fields. */
        public Size {
            if (layers < 1 || heads < 1 || dModel < heads || dModel % heads != 0) {
                throw new IllegalArgumentException("bad backbone size: layers " + layers + ", heads " + heads + ", dModel "
                        + dModel + " (heads must divide dModel)");
            }
        }
    }

    /**
     * Training options.
     *
     * @param steps optimizer steps
     * @param batch sequences per step
     * @param learningRate peak learning rate (warm-up 5%, cosine to 10%)
     * @param imageLossWeightInCaptioning weight of the image codes' loss in image-to-text sequences
     * @param seed the seed
     */
    public record TrainOptions(int steps, int batch, double learningRate, double imageLossWeightInCaptioning, long seed) {
        /** Validates the fields. */
        public TrainOptions {
            if (steps < 1 || batch < 1 || !(learningRate > 0) || !(imageLossWeightInCaptioning >= 0)) {
                throw new IllegalArgumentException("bad training options: steps " + steps + ", batch " + batch
                        + ", learningRate " + learningRate + ", imageLossWeightInCaptioning " + imageLossWeightInCaptioning);
            }
        }
    }

    /**
     * Progress after a training step.
     *
     * @param step the step (1-based)
     * @param steps the total
     * @param loss the batch loss (nats per weighted token)
     * @param tokensPerSecond processed tokens per second so far
     * @param seconds elapsed seconds
     */
    public record Progress(int step, int steps, double loss, double tokensPerSecond, double seconds) { }

    private VisionLanguageModel(ImageCodec codec, CaptionAlphabet alphabet, List<String> captions, TinyGpt model) {
        this.codec = codec;
        this.alphabet = alphabet;
        this.captions = List.copyOf(captions);
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put(TEXT, alphabet.size());
        sizes.put(IMAGE, codec.codebookSize());
        this.layout = VocabularyLayout.framed(sizes);
        if (model.config().vocabSize() != layout.size()) {
            throw new IllegalArgumentException("backbone vocabulary " + model.config().vocabSize() + " does not match the layout's "
                    + layout.size());
        }
        this.model = model;
        NDManager m = model.manager();
        int v = layout.size();
        int fd = codec.codeDim();
        float[] table = new float[v * fd];
        float[] codes = codec.codeVectors();
        int off = layout.offset(IMAGE);
        System.arraycopy(codes, 0, table, off * fd, codes.length);
        this.featureTable = m.create(table, new Shape(v, fd));
        int heads = layout.headCount();
        float[] mask = new float[heads * v];
        Arrays.fill(mask, MASKED);
        for (int h = 0; h < heads; h++) {
            for (int id : layout.headIds(h)) {
                mask[h * v + id] = 0;
            }
        }
        this.headMask = m.create(mask, new Shape(heads, v));
        this.headOfId = new int[v];
        for (int id = 0; id < v; id++) {
            headOfId[id] = id == layout.bos() ? 0 : layout.headOf(id);
        }
        if (!model.parameters().all().containsKey("image.adapter.weight")) {
            model.parameters().normal("image.adapter.weight", new Shape(fd, model.config().dModel()), 0.5 / Math.sqrt(fd));
        }
    }

    /**
     * Creates an untrained model.
     *
     * @param codec the image tokenizer
     * @param captions every text the model may write (class names or captions)
     * @param size the backbone size
     * @param seed the initialiser seed
     * @return the model
     */
    public static VisionLanguageModel create(ImageCodec codec, List<String> captions, Size size, long seed) {
        CaptionAlphabet alphabet = CaptionAlphabet.of(captions);
        int maxText = captions.stream().mapToInt(String::length).max().orElse(1);
        int context = 1 + 2 + maxText + 2 + codec.tokensPerImage() + 1;
        int vocab = 2 + 4 + alphabet.size() + codec.codebookSize();
        TinyGpt.Config cfg = new TinyGpt.Config(vocab, context, size.layers(), size.heads(), size.dModel());
        return new VisionLanguageModel(codec, alphabet, captions, new TinyGpt(cfg, seed));
    }

    /** @return the vocabulary layout */
    public VocabularyLayout layout() {
        return layout;
    }

    /** @return the number of backbone weights (with the image input adapter) */
    public long parameterCount() {
        return model.parameterCount();
    }

    /** @return the image codec */
    public ImageCodec codec() {
        return codec;
    }

    /** @return the texts this model may write */
    public List<String> captions() {
        return captions;
    }

    // ------------------------------------------------------------------ sequences

    /**
     * Builds a text-to-image sequence.
     *
     * @param text the caption
     * @param grid the image's codes
     * @return global ids
     */
    public int[] textToImage(String text, int[] grid) {
        List<Integer> ids = new ArrayList<>();
        ids.add(layout.bos());
        appendText(ids, text);
        appendImage(ids, grid);
        ids.add(layout.eos());
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Builds an image-to-text sequence.
     *
     * @param grid the image's codes
     * @param text the caption
     * @return global ids
     */
    public int[] imageToText(int[] grid, String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(layout.bos());
        appendImage(ids, grid);
        appendText(ids, text);
        ids.add(layout.eos());
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void appendText(List<Integer> ids, String text) {
        ids.add(layout.begin(TEXT));
        for (int c : alphabet.encode(text)) {
            ids.add(layout.toGlobal(TEXT, c));
        }
        ids.add(layout.end(TEXT));
    }

    private void appendImage(List<Integer> ids, int[] grid) {
        if (grid.length != codec.tokensPerImage()) {
            throw new IllegalArgumentException("an image needs exactly " + codec.tokensPerImage() + " codes, got " + grid.length);
        }
        ids.add(layout.begin(IMAGE));
        for (int c : grid) {
            ids.add(layout.toGlobal(IMAGE, c));
        }
        ids.add(layout.end(IMAGE));
    }

    // ------------------------------------------------------------------ forward

    private NDArray hidden(NDArray ids) {
        NDArray feats = ids.getNDArrayInternal().embedding(ids, featureTable, SparseFormat.DENSE).singletonOrThrow();
        NDArray x = model.embed(ids).add(feats.matMul(model.parameters().get("image.adapter.weight")));
        return model.forward(x);
    }

    // ------------------------------------------------------------------ training

    /**
     * Trains on paired texts and token grids: each step draws a batch of pairs and turns each
     * into a text-to-image or an image-to-text sequence with equal odds.
     *
     * @param texts the caption of each example
     * @param grids the codes of each example
     * @param options the options
     * @param progress called after each step (may be {@code null})
     * @return the last progress
     */
    public Progress train(List<String> texts, int[][] grids, TrainOptions options, Consumer<Progress> progress) {
        if (texts.size() != grids.length || grids.length == 0) {
            throw new IllegalArgumentException(texts.size() + " texts for " + grids.length + " token grids");
        }
        Map<String, NDArray> params = model.parameters().all();
        params.values().forEach(p -> p.setRequiresGradient(true));
        Adam adam = new Adam(params, model.manager(), 0.9, 0.95, 0.01);
        SplittableRandom rnd = new SplittableRandom(options.seed());
        long t0 = System.nanoTime();
        long tokens = 0;
        Progress last = null;
        int warm = Math.max(1, options.steps() / 20);
        for (int step = 1; step <= options.steps(); step++) {
            int b = options.batch();
            int[][] seqs = new int[b][];
            float[][] weights = new float[b][];
            int maxLen = 0;
            for (int i = 0; i < b; i++) {
                int k = rnd.nextInt(grids.length);
                boolean t2i = rnd.nextBoolean();
                seqs[i] = t2i ? textToImage(texts.get(k), grids[k]) : imageToText(grids[k], texts.get(k));
                weights[i] = targetWeights(seqs[i], t2i, (float) options.imageLossWeightInCaptioning());
                maxLen = Math.max(maxLen, seqs[i].length);
            }
            int t = maxLen - 1;
            int[] in = new int[b * t];
            int[] tg = new int[b * t];
            int[] hd = new int[b * t];
            float[] w = new float[b * t];
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < t; j++) {
                    int cur = j < seqs[i].length ? seqs[i][j] : layout.eos();
                    int nxt = j + 1 < seqs[i].length ? seqs[i][j + 1] : layout.eos();
                    in[i * t + j] = cur;
                    tg[i * t + j] = nxt;
                    hd[i * t + j] = headOfId[nxt];
                    w[i * t + j] = j + 1 < seqs[i].length ? weights[i][j] : 0f;
                }
            }
            double lr = step <= warm ? options.learningRate() * step / warm
                    : options.learningRate() * (0.1 + 0.45 * (1 + Math.cos(Math.PI * (step - warm) / Math.max(1, options.steps() - warm))));
            double lossValue;
            try (NDScope scope = new NDScope()) {
                NDManager m = model.manager();
                NDArray ids = m.create(in, new Shape(b, t)).toType(DataType.INT64, false);
                NDArray targets = m.create(tg, new Shape(b, t, 1)).toType(DataType.INT64, false);
                NDArray heads = m.create(hd, new Shape(b, t)).toType(DataType.INT64, false);
                NDArray wt = m.create(w, new Shape(b, t));
                float wsum = 0;
                for (float x : w) {
                    wsum += x;
                }
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray logits = model.logits(hidden(ids));
                    NDArray mask = heads.getNDArrayInternal().embedding(heads, headMask, SparseFormat.DENSE).singletonOrThrow();
                    NDArray logp = logits.add(mask).logSoftmax(2).gather(targets, 2).squeeze(2);
                    NDArray loss = logp.mul(wt).sum().div(-Math.max(wsum, 1e-6f));
                    gc.backward(loss);
                    lossValue = loss.getFloat();
                }
                adam.step(lr);
            }
            if (!Double.isFinite(lossValue)) {
                throw new IllegalStateException("training diverged at step " + step + ": loss " + lossValue);
            }
            tokens += (long) b * t;
            double secs = (System.nanoTime() - t0) / 1e9;
            last = new Progress(step, options.steps(), lossValue, tokens / secs, secs);
            if (progress != null) {
                progress.accept(last);
            }
        }
        params.values().forEach(p -> p.setRequiresGradient(false));
        return last;
    }

    private float[] targetWeights(int[] seq, boolean t2i, float imageWeight) {
        float[] w = new float[seq.length - 1];
        int beginImage = layout.begin(IMAGE);
        int beginText = layout.begin(TEXT);
        boolean inImage = false;
        boolean seenSecond = false;
        for (int j = 0; j < w.length; j++) {
            int cur = seq[j];
            if (cur == beginImage) {
                inImage = true;
            } else if (cur == layout.end(IMAGE)) {
                inImage = false;
            }
            if (j > 0 && (cur == layout.end(TEXT) && t2i || cur == layout.end(IMAGE) && !t2i)) {
                seenSecond = true;
            }
            if (j == 0) {
                w[j] = 0; // which modality comes first is the user's choice
            } else if (seenSecond) {
                w[j] = 1; // the second segment (the answer), its END and EOS
            } else {
                w[j] = !t2i && inImage ? imageWeight : 0;
            }
        }
        return w;
    }

    // ------------------------------------------------------------------ generation

    /**
     * Sampling options.
     *
     * @param temperature softmax temperature (0 = greedy)
     * @param topK keep only the k most likely tokens (0 = all)
     * @param seed the seed
     */
    public record Sampling(double temperature, int topK, long seed) {
        /** Validates the fields. */
        public Sampling {
            if (!(temperature >= 0) || topK < 0) {
                throw new IllegalArgumentException("temperature (" + temperature + ") must be >= 0 and topK (" + topK + ") >= 0");
            }
        }
    }

    /**
     * Generates images for one caption.
     *
     * @param text the caption (must use the model's alphabet)
     * @param count how many images
     * @param sampling the sampling options
     * @return {@code count} token grids of exactly {@code grid^2} codes
     */
    public int[][] generateImages(String text, int count, Sampling sampling) {
        List<Integer> prompt = new ArrayList<>();
        prompt.add(layout.bos());
        appendText(prompt, text);
        prompt.add(layout.begin(IMAGE));
        int[][] prompts = new int[count][];
        for (int i = 0; i < count; i++) {
            prompts[i] = prompt.stream().mapToInt(Integer::intValue).toArray();
        }
        return continueImages(prompts, new int[count][0], sampling);
    }

    /**
     * Completes images from their first codes (raster order), optionally conditioned on a caption.
     *
     * @param text the caption, or {@code null} for an unconditioned completion
     * @param prefixes the known first codes of each image (all of one length, below {@code grid^2})
     * @param sampling the sampling options
     * @return full token grids, each starting with its prefix
     */
    public int[][] completeImages(String text, int[][] prefixes, Sampling sampling) {
        int[][] prompts = new int[prefixes.length][];
        for (int i = 0; i < prefixes.length; i++) {
            List<Integer> p = new ArrayList<>();
            p.add(layout.bos());
            if (text != null) {
                appendText(p, text);
            }
            p.add(layout.begin(IMAGE));
            for (int c : prefixes[i]) {
                p.add(layout.toGlobal(IMAGE, c));
            }
            prompts[i] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        return continueImages(prompts, prefixes, sampling);
    }

    private int[][] continueImages(int[][] prompts, int[][] prefixes, Sampling sampling) {
        int n = prompts.length;
        int need = codec.tokensPerImage();
        int have = prefixes.length == 0 ? 0 : prefixes[0].length;
        for (int[] p : prefixes) {
            if (p.length != have || have >= need) {
                throw new IllegalArgumentException("image prefixes must share one length below " + need + ", got " + p.length);
            }
        }
        int[][] out = new int[n][need];
        for (int i = 0; i < n; i++) {
            System.arraycopy(prefixes[i], 0, out[i], 0, have);
        }
        int lo = layout.offset(IMAGE);
        int hi = lo + codec.codebookSize();
        SplittableRandom rnd = new SplittableRandom(sampling.seed());
        int[][] seqs = prompts.clone();
        float[] logits = lastLogits(seqs);
        for (int pos = have; pos < need; pos++) {
            int[] next = new int[n];
            for (int i = 0; i < n; i++) {
                next[i] = sample(logits, i, lo, hi, null, sampling, rnd);
                out[i][pos] = next[i] - lo;
            }
            if (pos + 1 < need) {
                seqs = append(seqs, next);
                logits = lastLogits(seqs);
            }
        }
        return out;
    }

    /**
     * Captions images by generating text after them (greedy, restricted to the known captions).
     *
     * @param grids the images' codes
     * @return one caption per image
     */
    public List<String> caption(int[][] grids) {
        int n = grids.length;
        int[][] prompts = new int[n][];
        for (int i = 0; i < n; i++) {
            List<Integer> p = new ArrayList<>();
            p.add(layout.bos());
            appendImage(p, grids[i]);
            p.add(layout.begin(TEXT));
            prompts[i] = p.stream().mapToInt(Integer::intValue).toArray();
        }
        StringBuilder[] texts = new StringBuilder[n];
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            texts[i] = new StringBuilder();
        }
        int maxLen = captions.stream().mapToInt(String::length).max().orElse(0);
        int endText = layout.end(TEXT);
        Sampling greedy = new Sampling(0, 0, 0);
        int[][] seqs = prompts.clone();
        float[] logits = lastLogits(seqs);
        {
            for (int s = 0; s <= maxLen; s++) {
                int[] next = new int[n];
                boolean all = true;
                for (int i = 0; i < n; i++) {
                    if (done[i]) {
                        next[i] = endText;
                        continue;
                    }
                    List<Integer> allowed = alphabet.allowedNext(captions, texts[i].toString());
                    int[] ids = new int[allowed.size()];
                    for (int j = 0; j < ids.length; j++) {
                        int a = allowed.get(j);
                        ids[j] = a < 0 ? endText : layout.toGlobal(TEXT, a);
                    }
                    next[i] = sample(logits, i, 0, 0, ids, greedy, null);
                    if (next[i] == endText) {
                        done[i] = true;
                    } else {
                        texts[i].append(alphabet.chars().charAt(layout.toLocal(TEXT, next[i])));
                        all = false;
                    }
                }
                if (all) {
                    break;
                }
                seqs = append(seqs, next);
                logits = lastLogits(seqs);
            }
        }
        List<String> out = new ArrayList<>();
        for (StringBuilder sb : texts) {
            out.add(sb.toString());
        }
        return out;
    }

    private static int[][] append(int[][] seqs, int[] next) {
        int[][] out = new int[seqs.length][];
        for (int i = 0; i < seqs.length; i++) {
            out[i] = Arrays.copyOf(seqs[i], seqs[i].length + 1);
            out[i][seqs[i].length] = next[i];
        }
        return out;
    }

    /** Runs the whole (equal-length) sequences and returns the logits at their last position (no KV cache). */
    private float[] lastLogits(int[][] seqs) {
        int n = seqs.length;
        int t = seqs[0].length;
        int[] flat = new int[n * t];
        for (int i = 0; i < n; i++) {
            if (seqs[i].length != t) {
                throw new IllegalArgumentException("prompts in one batch must have one length");
            }
            System.arraycopy(seqs[i], 0, flat, i * t, t);
        }
        try (NDScope scope = new NDScope()) {
            NDArray ids = model.manager().create(flat, new Shape(n, t)).toType(DataType.INT64, false);
            NDArray h = hidden(ids).get(new NDIndex(":, -1, :"));
            return model.logits(h).toFloatArray();
        }
    }

    /** Samples row {@code row}'s next id among {@code [lo, hi)} or among {@code allowed} when given. */
    private int sample(float[] logits, int row, int lo, int hi, int[] allowed, Sampling s, SplittableRandom rnd) {
        int v = layout.size();
        int[] cand;
        if (allowed != null) {
            cand = allowed;
        } else {
            cand = new int[hi - lo];
            for (int i = 0; i < cand.length; i++) {
                cand[i] = lo + i;
            }
        }
        if (cand.length == 0) {
            throw new IllegalStateException("no token is allowed at this point of generation");
        }
        int best = cand[0];
        for (int id : cand) {
            if (logits[row * v + id] > logits[row * v + best]) {
                best = id;
            }
        }
        if (s.temperature() == 0 || cand.length == 1) {
            return best;
        }
        double[] p = new double[cand.length];
        double maxL = logits[row * v + best];
        double cutoff = Double.NEGATIVE_INFINITY;
        if (s.topK() > 0 && s.topK() < cand.length) {
            float[] vals = new float[cand.length];
            for (int i = 0; i < cand.length; i++) {
                vals[i] = logits[row * v + cand[i]];
            }
            Arrays.sort(vals);
            cutoff = vals[vals.length - s.topK()];
        }
        double sum = 0;
        for (int i = 0; i < cand.length; i++) {
            double l = logits[row * v + cand[i]];
            p[i] = l < cutoff ? 0 : Math.exp((l - maxL) / s.temperature());
            sum += p[i];
        }
        double r = rnd.nextDouble() * sum;
        for (int i = 0; i < cand.length; i++) {
            r -= p[i];
            if (r <= 0 && p[i] > 0) {
                return cand[i];
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ persistence

    /**
     * Serialises the backbone weights (with the adapter) and the text side; the codec is saved
     * separately.
     *
     * @return safetensors bytes with the config, alphabet and captions in the metadata
     */
    public byte[] toBytes() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("decoder_config", Json.COMPACT.toJson(model.config()));
        meta.put("alphabet", alphabet.chars());
        meta.put("captions", Json.COMPACT.toJson(captions));
        return Safetensors.toBytes(model.parameters().toTensors(), meta);
    }

    /**
     * Restores a model written by {@link #toBytes()}.
     *
     * @param bytes safetensors bytes
     * @param codec the image codec it was trained with
     * @param source a name for error messages
     * @return the model
     * @throws IOException if the bytes are corrupt or do not fit the codec
     */
    public static VisionLanguageModel fromBytes(byte[] bytes, ImageCodec codec, String source) throws IOException {
        Safetensors.Content c = Safetensors.read(ByteBuffer.wrap(bytes), source);
        try {
            TinyGpt.Config cfg = Json.GSON.fromJson(c.metadata().get("decoder_config"), TinyGpt.Config.class);
            String[] caps = Json.GSON.fromJson(c.metadata().get("captions"), String[].class);
            TinyGpt gpt = new TinyGpt(cfg, 0);
            Tensor adapter = c.tensors().get("image.adapter.weight");
            if (adapter == null) {
                throw new IllegalArgumentException("missing tensor 'image.adapter.weight'");
            }
            gpt.parameters().add("image.adapter.weight", new Shape(adapter.shape()), adapter.floats());
            gpt.parameters().load(c.tensors());
            return new VisionLanguageModel(codec, new CaptionAlphabet(c.metadata().get("alphabet")), List.of(caps), gpt);
        } catch (RuntimeException e) {
            throw new IOException(source + ": cannot restore the vision model: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
