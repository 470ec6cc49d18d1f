package dev.tessera.core.api;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.generate.TokenListener;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.bundle.Provenance;
import dev.tessera.core.modality.ContinuousModality;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A trained model, object in and object out: load a bundle, give it a prompt of typed parts, ask for an
 * object of a type one of its modalities writes. The model frames the prompt through the modalities it was
 * trained with, generates the answer's segment under that modality's constraints and decodes it with that
 * modality's detokenizer.
 *
 * <pre>{@code
 * // given: dev.tessera.vision.image.ImageData image
 * try (TesseraModel m = TesseraModel.load(Path.of("out/demo/joint.tessera"))) {
 *     String sum = m.generate("$123+456=", SamplingConfig.greedy(8));       // continues the text
 *     String caption = m.generate(Prompt.of(image), String.class, SamplingConfig.greedy(60));
 * }
 * }</pre>
 *
 * <p>A prompt whose last part is of the answer's modality is continued (the text goes on); otherwise the
 * answer is a new segment after the prompt's. Generation runs on the JVM engine on a CPU (DJL's on a GPU).
 *
 * <p>Thread safety: one loaded model may be used from many threads at once; each call runs its own engine
 * state over the shared, read-only weights, and a seeded call gives the same answer on any thread. Closing
 * the model while a call runs is an error of the caller.
 */
public final class TesseraModel implements AutoCloseable {
    private final ModelBundle bundle;
    private final EngineChoice engine;
    private volatile JvmWeights jvmWeights;

    private TesseraModel(ModelBundle bundle, EngineChoice engine) {
        this.bundle = bundle;
        this.engine = engine;
    }

    /**
     * Loads a {@code .tessera} bundle, with every modality it was trained with.
     *
     * @param file the bundle
     * @return the model (close it to free its native memory)
     * @throws IOException if the file is missing, corrupt, or names a modality whose provider is not on the
     *     class path (the message says which)
     */
    public static TesseraModel load(Path file) throws IOException {
        return new TesseraModel(ModelBundle.load(file), EngineChoice.AUTO);
    }

    /**
     * Wraps a bundle that is already in memory; closing the model closes the bundle.
     *
     * @param bundle the bundle
     * @param engine where decoding runs
     * @return the model
     */
    public static TesseraModel of(ModelBundle bundle, EngineChoice engine) {
        return new TesseraModel(bundle, engine);
    }

    /** @return the modalities the model reads and writes, by name */
    public Map<String, Modality<?>> modalities() {
        return bundle.modalities();
    }

    /** @return how the model was made (SDK version, commit, date, JVM, steps, data, metrics), from its bundle */
    public Provenance provenance() {
        return bundle.provenance();
    }

    /** @return the bundle behind the model (its backbone, layout and weights), for lower-level use */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Continues a text prompt in the model's text modality.
     *
     * @param prompt the text
     * @param sampling how tokens are drawn, and at most how many
     * @return the text the model wrote after the prompt (without the prompt)
     * @throws IllegalArgumentException if the model has no text modality, or several
     */
    public String generate(String prompt, SamplingConfig sampling) {
        return generate(Prompt.of(prompt), String.class, sampling);
    }

    /**
     * Writes an object of a type one of the model's modalities writes.
     *
     * @param prompt the prompt's parts
     * @param type the answer's type, e.g. {@code String.class}
     * @param sampling how tokens are drawn, and at most how many
     * @param <T> the answer's type
     * @return the decoded answer
     * @throws IllegalArgumentException if no modality (or more than one) writes {@code type}, a part has no
     *     modality, or the prompt is too long for the model
     * @throws IllegalStateException if the model stopped before the answer was complete
     */
    public <T> T generate(Prompt prompt, Class<T> type, SamplingConfig sampling) {
        return answer(prompt, modalityFor(type, null).name(), type, sampling, null).value();
    }

    /**
     * Writes an object in a named modality.
     *
     * @param prompt the prompt's parts
     * @param modality the answer's modality
     * @param type its type
     * @param sampling how tokens are drawn
     * @param <T> the answer's type
     * @return the decoded answer
     */
    public <T> T generate(Prompt prompt, String modality, Class<T> type, SamplingConfig sampling) {
        return answer(prompt, modality, type, sampling, null).value();
    }

    /**
     * Continues a text prompt and hands out the text as it is written (whole characters only).
     *
     * @param prompt the text
     * @param sampling how tokens are drawn
     * @param pieces receives each new piece of text, on the calling thread
     * @return the whole text written after the prompt
     */
    public String stream(String prompt, SamplingConfig sampling, Consumer<String> pieces) {
        Modality<String> text = modalityFor(String.class, null);
        return answer(Prompt.of(prompt), text.name(), String.class, sampling, pieces).value();
    }

    /**
     * Writes an object in a named modality and says how: the tokens, why generation stopped, its speed.
     *
     * @param prompt the prompt's parts
     * @param target the answer's modality
     * @param type its type
     * @param sampling how tokens are drawn, and at most how many
     * @param pieces receives the text as it is written (String answers only), or null
     * @param <T> the answer's type
     * @return the answer
     * @throws IllegalArgumentException if a part or the answer has no modality, or the prompt is too long
     * @throws IllegalStateException if a fixed-length answer (an image) was not completed
     */
    public <T> Answer<T> answer(Prompt prompt, String target, Class<T> type, SamplingConfig sampling,
            Consumer<String> pieces) {
        VocabularyLayout layout = bundle.layout();
        Modality<T> out = typed(target, type);
        List<Segment> segments = new ArrayList<>();
        for (Prompt.Part p : prompt.parts()) {
            segments.add(encode(p));
        }
        TokenSequence seq = new TokenSequence(segments);
        boolean continuing = segments.get(segments.size() - 1).modality().equals(target);
        int[] ids = continuing ? seq.continuation(layout) : seq.promptFor(layout, target);
        int[] prefix = continuing ? segments.get(segments.size() - 1).tokens() : new int[0];
        int budget = out.fixedLength() > 0 ? out.fixedLength() + 1 : sampling.maxNewTokens();
        SamplingConfig cfg = sampling.withMaxNewTokens(budget);
        if (layout.framed()) {
            cfg = cfg.withStopTokens(layout.end(target));
        }
        List<LogitsProcessor> constraints = layout.framed() ? out.outputConstraints(layout, budget) : List.of();
        Generator gen = new Generator(decodeEngine(), layout);
        int offset = layout.offset(target);
        TokenListener listener = pieces == null ? null : new TextPieces(out, target, layout, prefix, pieces);
        GenerationResult r = gen.generate(ids, cfg, constraints, listener);
        int[] local = Arrays.stream(r.tokens()).filter(id -> target.equals(layout.modalityOf(id)))
                .map(id -> id - offset).toArray();
        if (out.fixedLength() > 0 && local.length != out.fixedLength()) {
            throw new IllegalStateException("the model wrote " + local.length + " tokens of '" + target + "', an "
                    + type.getSimpleName() + " needs exactly " + out.fixedLength() + " (finish: " + r.reason() + ")");
        }
        return new Answer<>(decode(out, target, type, continuing ? prefix : new int[0], local), r);
    }

    /**
     * Decodes what the model wrote after a prompt's own tokens of the same modality: both together, so a
     * character split across the boundary comes out whole, then the prompt's text is cut off.
     */
    private static <T> T decode(Modality<T> out, String target, Class<T> type, int[] prefix, int[] local) {
        if (prefix.length > 0 && type == String.class) {
            String whole = (String) out.detokenizer().decode(new Segment(target, concat(prefix, local)));
            String head = (String) out.detokenizer().decode(new Segment(target, prefix));
            if (whole.startsWith(head)) {
                return type.cast(whole.substring(head.length()));
            }
        }
        return out.detokenizer().decode(new Segment(target, local));
    }

    /** Streams decoded text: re-decodes what has been written and hands out what is new and whole. */
    private static final class TextPieces implements TokenListener {
        private final Modality<?> modality;
        private final String name;
        private final VocabularyLayout layout;
        private final Consumer<String> sink;
        private int[] tokens;
        private final int start;
        private int emitted;

        TextPieces(Modality<?> modality, String name, VocabularyLayout layout, int[] prefix, Consumer<String> sink) {
            this.modality = modality;
            this.name = name;
            this.layout = layout;
            this.sink = sink;
            this.tokens = prefix.clone();
            this.start = decoded(prefix).length();
            this.emitted = start;
        }

        private String decoded(int[] ids) {
            Object o = modality.detokenizer().decode(new Segment(name, ids));
            return o instanceof String s ? s : "";
        }

        @Override
        public void onToken(int row, int id) {
            if (!name.equals(layout.modalityOf(id))) {
                return;
            }
            tokens = Arrays.copyOf(tokens, tokens.length + 1);
            tokens[tokens.length - 1] = id - layout.offset(name);
            String text;
            try {
                text = decoded(tokens);
            } catch (RuntimeException partialCharacter) {
                return; // a character split over tokens: wait for the rest of it
            }
            if (text.length() > emitted) {
                sink.accept(text.substring(emitted));
                emitted = text.length();
            }
        }
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Encodes a part with its modality (named, or the one that reads its type). */
    @SuppressWarnings("unchecked")
    private Segment encode(Prompt.Part p) {
        Modality<Object> m = (Modality<Object>) (p.modality() != null ? named(p.modality())
                : modalityFor(p.value().getClass(), "prompt part of type " + p.value().getClass().getSimpleName()));
        if (!m.type().isInstance(p.value())) {
            throw new IllegalArgumentException("modality '" + m.name() + "' reads " + m.type().getSimpleName()
                    + ", the prompt part is a " + p.value().getClass().getSimpleName());
        }
        return m.tokenizer().encode(p.value());
    }

    private Modality<?> named(String name) {
        Modality<?> m = bundle.modalities().get(name);
        if (m == null) {
            throw new IllegalArgumentException("the model has no modality '" + name + "'; it has "
                    + bundle.modalities().keySet());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private <T> Modality<T> typed(String name, Class<T> type) {
        Modality<?> m = named(name);
        if (!type.isAssignableFrom(m.type())) {
            throw new IllegalArgumentException("modality '" + name + "' writes " + m.type().getSimpleName() + ", not "
                    + type.getSimpleName());
        }
        return (Modality<T>) m;
    }

    /**
     * Answers through a continuous modality (one with its own output head, such as a series forecaster): the
     * object-in, object-out call for what is not sampled token by token.
     *
     * <pre>{@code
     * // given: dev.tessera.timeseries.data.TimeSeries series
     * try (TesseraModel m = TesseraModel.load(Path.of("out/demo/joint.tessera"))) {
     *     dev.tessera.timeseries.forecast.Forecast f = m.predict(series, dev.tessera.timeseries.forecast.Forecast.class, 24);
     * }
     * }</pre>
     *
     * @param input the input (e.g. a time series)
     * @param type the answer's type (e.g. a forecast)
     * @param length how far to answer (for a series, the horizon)
     * @param <O> the answer's type
     * @return the answer
     * @throws IllegalArgumentException if no continuous modality of the model reads the input and answers with
     *     the type (the message lists the model's modalities), or the length is out of range
     * @implNote Calls from several threads are answered one at a time (they share the DJL backbone).
     */
    public <O> O predict(Object input, Class<O> type, int length) {
        return predict(input, type, length, 0);
    }

    /**
     * As {@link #predict(Object, Class, int)}, with the seed of any sampling the modality does.
     *
     * @param input the input
     * @param type the answer's type
     * @param length how far to answer
     * @param seed the seed
     * @param <O> the answer's type
     * @return the answer
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <O> O predict(Object input, Class<O> type, int length, long seed) {
        java.util.Objects.requireNonNull(input, "input");
        List<ContinuousModality<?, ?>> found = bundle.modalities().values().stream()
                .filter(m -> m instanceof ContinuousModality<?, ?> c && type.isAssignableFrom(c.answerType())
                        && m.type().isInstance(input))
                .<ContinuousModality<?, ?>>map(m -> (ContinuousModality<?, ?>) m).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException((found.isEmpty() ? "no continuous modality of the model reads a "
                    : "several continuous modalities read a ") + input.getClass().getSimpleName() + " and answers with "
                    + type.getSimpleName() + "; the model's modalities are " + describe());
        }
        ContinuousModality c = found.get(0);
        synchronized (bundle) { // the answer runs the DJL backbone, which this class shares between threads
            return (O) c.answer(bundle.model(), bundle.layout(), input, length, seed);
        }
    }

    /**
     * Returns the one modality of the model that reads or writes a type.
     *
     * @param type e.g. {@code String.class}
     * @param <T> the type
     * @return the modality
     * @throws IllegalArgumentException if none or several do (the message lists the model's modalities)
     */
    public <T> Modality<T> modality(Class<T> type) {
        return modalityFor(type, null);
    }

    @SuppressWarnings("unchecked")
    private <T> Modality<T> modalityFor(Class<T> type, String what) {
        List<Modality<?>> found = bundle.modalities().values().stream()
                .filter(m -> m.type().isAssignableFrom(type) || type.isAssignableFrom(m.type())).toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException((what == null ? "an answer of type " + type.getSimpleName() : what)
                    + (found.isEmpty() ? ": no modality of the model reads it" : ": several modalities read it "
                    + found.stream().map(Modality::name).toList() + ", name one (Prompt.part or the named generate)")
                    + "; the model's modalities are " + describe());
        }
        return (Modality<T>) found.get(0);
    }

    private String describe() {
        List<String> d = new ArrayList<>();
        bundle.modalities().forEach((n, m) -> d.add(n + " (" + m.type().getSimpleName() + ")"));
        return d.toString();
    }

    /** A fresh engine for one call: the JVM engine over the shared weights on a CPU, DJL's otherwise. */
    private DecodeEngine decodeEngine() {
        boolean quantized = bundle.quantizedWeights().isPresent();
        return engine.resolve(bundle.model(), quantized) == EngineChoice.JVM ? new JvmDecodeEngine(weights())
                : new DjlDecodeEngine(bundle.model());
    }

    /** The JVM engine's copy of the weights, made once and shared by every call (it is read-only). */
    private JvmWeights weights() {
        if (bundle.quantizedWeights().isPresent()) {
            return bundle.quantizedWeights().get();
        }
        JvmWeights w = jvmWeights;
        if (w == null) {
            synchronized (this) {
                w = jvmWeights;
                if (w == null) {
                    w = JvmWeights.from(bundle.model());
                    jvmWeights = w;
                }
            }
        }
        return w;
    }

    @Override
    public void close() {
        bundle.close();
    }
}
