package dev.tessera.molecule;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.task.ItemScores;
import dev.tessera.core.task.Task;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Class-conditioned molecule generation: the prompt is a class name (e.g. {@code alcohols}) as
 * {@code "text"} bytes, the answer is a molecule of that class as {@code "molecule"} tokens:
 * {@code BOS BEGIN:text a l c o h o l s END:text BEGIN:molecule C x y z ... END:molecule EOS}, with
 * loss weight 0 on the prompt and 1 on the molecule, its END and EOS. Training draws a class
 * uniformly, then a molecule of it.
 *
 * <p>{@link #evaluate} samples {@code samplesPerClass} molecules per class with the core
 * {@link Generator} under the {@link MoleculeGrammar} and scores the fraction that are valid
 * ({@link MoleculeValidity#standard()}); its details add uniqueness (distinct valid molecules / valid),
 * novelty (valid molecules whose tokens are not a training molecule's / valid) and composition
 * match (valid molecules whose element set equals the element set of some training molecule of the
 * prompted class / valid), and it writes a few generated molecules as XYZ files.
 */
public final class MoleculeTask implements Task {
    /** The task's name in metrics files. */
    public static final String NAME = "molecule";
    /** Longest example in global ids. */
    public static final int MAX_LENGTH = 160;

    private final Options options;
    private final MoleculeModality modality;
    private MoleculeDataset dataset;
    private List<String> classes;
    private List<List<MoleculeDataset.Entry>> entriesByClass;
    private Map<String, String> skipped;

    /**
     * Settings of the task.
     *
     * @param dataRoot the folder of class folders of CML files
     * @param tokenizer the molecule tokenizer settings
     * @param samplesPerClassQuick molecules generated per class by a quick evaluation
     * @param samplesPerClassFull molecules generated per class by a full evaluation
     * @param temperature sampling temperature of the evaluation (&gt; 0)
     * @param topP nucleus mass of the evaluation, in (0, 1]
     * @param xyzPerClass generated molecules per class written as XYZ files
     */
    public record Options(Path dataRoot, MoleculeTokenizerConfig tokenizer, int samplesPerClassQuick,
            int samplesPerClassFull, double temperature, double topP, int xyzPerClass) {

        /** Validates the fields. */
        public Options {
            if (dataRoot == null || tokenizer == null) {
                throw new IllegalArgumentException("dataRoot and tokenizer must be given");
            }
            if (samplesPerClassQuick < 1 || samplesPerClassFull < 1) {
                throw new IllegalArgumentException("samplesPerClassQuick (" + samplesPerClassQuick
                        + ") and samplesPerClassFull (" + samplesPerClassFull + ") must be >= 1");
            }
            if (!(temperature > 0) || !(topP > 0 && topP <= 1)) {
                throw new IllegalArgumentException("temperature (" + temperature + ") must be > 0 and topP (" + topP
                        + ") in (0, 1]");
            }
            if (xyzPerClass < 0) {
                throw new IllegalArgumentException("xyzPerClass (" + xyzPerClass + ") must be >= 0");
            }
        }

        /**
         * The defaults: the Debian folder, the standard tokenizer, 8 / 24 molecules per class,
         * temperature 0.5, top-p 0.95, one XYZ file per class. (With the default {@code molecule-eval}
         * model, validity / uniqueness were 0.84 / 0.36 at temperature 0.5, 0.83 / 0.43 at 0.7 and
         * 0.74 / 0.49 at 1.0.)
         *
         * @return the options
         */
        public static Options standard() {
            return new Options(Path.of(MoleculeDataset.DEBIAN_ROOT), MoleculeTokenizerConfig.standard(), 8, 24, 0.5,
                    0.95, 1);
        }

        /**
         * Returns a copy reading another folder.
         *
         * @param root the folder
         * @return the new options
         */
        public Options withDataRoot(Path root) {
            return new Options(root, tokenizer, samplesPerClassQuick, samplesPerClassFull, temperature, topP,
                    xyzPerClass);
        }

        /**
         * Returns a copy with other evaluation sizes.
         *
         * @param quick molecules per class (quick)
         * @param full molecules per class (full)
         * @return the new options
         */
        public Options withSamplesPerClass(int quick, int full) {
            return new Options(dataRoot, tokenizer, quick, full, temperature, topP, xyzPerClass);
        }

        /**
         * Returns a copy with another sampling temperature.
         *
         * @param t the temperature
         * @return the new options
         */
        public Options withTemperature(double t) {
            return new Options(dataRoot, tokenizer, samplesPerClassQuick, samplesPerClassFull, t, topP, xyzPerClass);
        }
    }

    /**
     * Creates the task.
     *
     * @param options the settings
     */
    public MoleculeTask(Options options) {
        this.options = options;
        this.modality = new MoleculeModality(NAME, options.tokenizer());
    }

    /** @return the task with {@link Options#standard()} */
    public static MoleculeTask standard() {
        return new MoleculeTask(Options.standard());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Integer> vocabularies() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(ByteText.NAME, ByteText.VOCABULARY);
        m.put(NAME, modality.vocabularySize());
        return m;
    }

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    /** @return the class names' byte text and the molecule modality (saved in a trained model's bundle) */
    @Override
    public List<Modality<?>> modalities() {
        return List.of(ByteText.modality(), modality);
    }

    /** @return the modality (tokenizer, detokenizer, saved state) */
    public MoleculeModality modality() {
        return modality;
    }

    /**
     * Reads and tokenizes the molecules (about a second for the 568 Debian files, so nothing is cached).
     * Molecules whose example would exceed {@link #MAX_LENGTH} ids are skipped and listed in
     * {@link #skipped()}.
     *
     * @param context folders, budget and log
     * @throws java.io.IOException if the folder is missing or a file is malformed
     */
    @Override
    public void prepare(TaskContext context) throws java.io.IOException {
        MoleculeDataset ds = MoleculeDataset.load(options.dataRoot(), modality.tokenizer(), Integer.MAX_VALUE);
        Map<String, String> skip = new LinkedHashMap<>(ds.skipped());
        List<MoleculeDataset.Entry> kept = new ArrayList<>();
        for (MoleculeDataset.Entry e : ds.entries()) {
            int len = 6 + e.className().getBytes(StandardCharsets.UTF_8).length + e.tokens().length;
            if (len > MAX_LENGTH) {
                skip.put(ds.root().relativize(e.file()).toString(), "example of " + len + " ids > " + MAX_LENGTH
                        + " (" + e.atoms() + " heavy atoms)");
            } else {
                kept.add(e);
            }
        }
        this.dataset = new MoleculeDataset(ds.root(), kept, skip, ds.heavyAtomHistogram());
        Map<String, List<MoleculeDataset.Entry>> by = dataset.byClass();
        this.classes = List.copyOf(by.keySet());
        this.entriesByClass = new ArrayList<>(by.values());
        this.skipped = skip;
        if (context != null) {
            context.log().printf("molecule: %d molecules in %d classes from %s (%d skipped; heavy atoms median %d, "
                    + "p95 %d, max %d)%n", kept.size(), classes.size(), options.dataRoot(), skip.size(),
                    ds.heavyAtomPercentile(0.5), ds.heavyAtomPercentile(0.95), ds.heavyAtomPercentile(1.0));
        }
    }

    private void requirePrepared() {
        if (dataset == null) {
            throw new IllegalStateException("call prepare(context) before sample or evaluate");
        }
    }

    /** @return the prepared data set (after {@link #prepare}) */
    public MoleculeDataset dataset() {
        requirePrepared();
        return dataset;
    }

    /** @return file to reason for every molecule left out (after {@link #prepare}) */
    public Map<String, String> skipped() {
        requirePrepared();
        return skipped;
    }

    /** @return the class names, sorted (after {@link #prepare}) */
    public List<String> classes() {
        requirePrepared();
        return classes;
    }

    /**
     * Returns the generation prompt for a class: {@code BOS BEGIN:text <name> END:text BEGIN:molecule}.
     *
     * @param layout the layout
     * @param className the class name
     * @return global ids
     */
    public static int[] prompt(VocabularyLayout layout, String className) {
        return TokenSequence.of(textSegment(className)).promptFor(layout, NAME);
    }

    private static Segment textSegment(String s) {
        return new Segment(ByteText.NAME, ByteText.encode(s));
    }

    /**
     * Frames one molecule of a class as a training example.
     *
     * @param layout the layout
     * @param e the molecule
     * @return the example (loss from the first molecule token on)
     */
    public static TaskExample example(VocabularyLayout layout, MoleculeDataset.Entry e) {
        return TaskExample.answer(layout, TokenSequence.of(textSegment(e.className()), new Segment(NAME, e.tokens())));
    }

    @Override
    public TaskExample sample(VocabularyLayout layout, SplittableRandom rng) {
        requirePrepared();
        List<MoleculeDataset.Entry> list = entriesByClass.get(rng.nextInt(entriesByClass.size()));
        return example(layout, list.get(rng.nextInt(list.size())));
    }

    @Override
    public TaskScore evaluate(DecoderModel model, VocabularyLayout layout, TaskContext context) throws Exception {
        requirePrepared();
        int perClass = context.quick() ? options.samplesPerClassQuick() : options.samplesPerClassFull();
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        Set<String> seenElements = new TreeSet<>();
        Set<String> trainingTokens = new HashSet<>();
        List<Set<SortedSet<String>>> compositions = new ArrayList<>();
        int maxAtoms = 0;
        for (List<MoleculeDataset.Entry> list : entriesByClass) {
            Set<SortedSet<String>> comps = new HashSet<>();
            for (MoleculeDataset.Entry e : list) {
                Molecule c = modality.tokenizer().canonical(e.molecule());
                seenElements.addAll(c.elementSet());
                comps.add(c.elementSet());
                trainingTokens.add(Arrays.toString(e.tokens()));
                maxAtoms = Math.max(maxAtoms, e.atoms());
            }
            compositions.add(comps);
        }
        LogitsProcessor grammar = MoleculeGrammar.processor(layout, NAME, options.tokenizer(), seenElements, maxAtoms);
        SamplingConfig sampling = SamplingConfig.sample(options.temperature(), context.seed(), 4 * maxAtoms + 1)
                .withTopP(options.topP()).withStopTokens(layout.end(NAME));
        MoleculeValidity rule = MoleculeValidity.standard();
        long t0 = System.nanoTime();
        int total = 0;
        int valid = 0;
        List<Boolean> validity = new ArrayList<>();
        int novel = 0;
        int composition = 0;
        int unfinished = 0;
        Set<String> distinct = new HashSet<>();
        Map<String, Integer> reasons = new java.util.TreeMap<>();
        Map<String, String> firstFailure = new java.util.TreeMap<>();
        Map<String, Object> perClassValidity = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        int chunk = Math.max(1, 96 / perClass);
        for (int c0 = 0; c0 < classes.size(); c0 += chunk) {
            List<int[]> prompts = new ArrayList<>();
            List<Integer> classOf = new ArrayList<>();
            for (int c = c0; c < Math.min(classes.size(), c0 + chunk); c++) {
                for (int k = 0; k < perClass; k++) {
                    prompts.add(prompt(layout, classes.get(c)));
                    classOf.add(c);
                }
            }
            List<GenerationResult> res = gen.generateBatch(prompts, sampling.withSeed(context.seed() + 7919L * c0),
                    List.of(grammar), null);
            int[] validInClass = new int[classes.size()];
            int[] written = new int[classes.size()];
            for (int r = 0; r < res.size(); r++) {
                int c = classOf.get(r);
                total++;
                validity.add(false);
                GenerationResult g = res.get(r);
                int[] out = g.tokens();
                if (g.reason() != FinishReason.STOP_TOKEN || out.length < 5) {
                    unfinished++;
                    continue;
                }
                int[] local = new int[out.length - 1];
                for (int i = 0; i < local.length; i++) {
                    local[i] = layout.toLocal(NAME, out[i]);
                }
                Molecule m = modality.detokenizer().decode(Segment.of(NAME, local,
                        Map.of("name", classes.get(c) + " sample " + (r % perClass))));
                MoleculeValidity.Verdict verdict = rule.check(m);
                if (!verdict.valid()) {
                    String why = verdict.reason().contains("closer than") ? "clash"
                            : verdict.reason().contains("not connected") ? "disconnected" : "valence";
                    reasons.merge(why, 1, Integer::sum);
                    firstFailure.putIfAbsent(classes.get(c), verdict.reason());
                    continue;
                }
                valid++;
                validity.set(validity.size() - 1, true);
                validInClass[c]++;
                String key = Arrays.toString(local);
                distinct.add(key);
                if (!trainingTokens.contains(key)) {
                    novel++;
                }
                if (compositions.get(c).contains(m.elementSet())) {
                    composition++;
                }
                if (written[c] < options.xyzPerClass() && context.outDir() != null) {
                    String file = "generated/" + classes.get(c) + "_" + written[c] + ".xyz";
                    XyzWriter.write(context.outDir().resolve(file), m);
                    files.add(file);
                    written[c]++;
                }
            }
            for (int c = c0; c < Math.min(classes.size(), c0 + chunk); c++) {
                perClassValidity.put(classes.get(c), validInClass[c] / (double) perClass);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("samples", total);
        details.put("samples_per_class", perClass);
        details.put("classes", classes.size());
        details.put("valid", valid);
        details.put("unfinished", unfinished);
        details.put("uniqueness", valid == 0 ? 0.0 : distinct.size() / (double) valid);
        details.put("novelty", valid == 0 ? 0.0 : novel / (double) valid);
        details.put("composition_match", valid == 0 ? 0.0 : composition / (double) valid);
        details.put("temperature", options.temperature());
        details.put("top_p", options.topP());
        details.put("eval_seconds", seconds);
        details.put("training_molecules", dataset.entries().size());
        details.put("skipped_molecules", skipped.size());
        details.put("per_class_validity", perClassValidity);
        details.put("invalid_reasons", reasons);
        details.put("first_failure_per_class", firstFailure);
        if (total == 0) {
            return new TaskScore("validity", 0.0, true, details, files);
        }
        boolean[] passed = new boolean[total];
        for (int i = 0; i < total; i++) {
            passed[i] = validity.get(i);
        }
        return TaskScore.of("validity", true, ItemScores.passes(passed), details, files);
    }
}
