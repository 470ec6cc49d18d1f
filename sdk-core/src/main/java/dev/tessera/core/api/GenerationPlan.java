package dev.tessera.core.api;

import dev.tessera.core.generate.FinishReason;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.generate.TokenListener;
import dev.tessera.core.generate.TokenSampler;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * One answer, prepared and not yet generated: the prompt's ids as the model reads them, the sampling settings
 * (with the answer modality's stop token and budget), its constraints, and how the generated ids become the
 * answer. {@link TesseraModel#answer} runs a plan on its own engine; a server that decodes many requests in one
 * {@link dev.tessera.core.infer.BatchSession} runs each plan's {@link #sampler()} there and decodes the tokens with
 * {@link #decode}, with the same result.
 *
 * <pre>{@code
 * // given: TesseraModel model
 * GenerationPlan<String> plan = model.plan(Prompt.of("Call me"), "text", String.class, SamplingConfig.greedy(20));
 * try (BatchSession batch = model.openBatch(8)) {
 *     BatchSession.Sequence s = batch.join(plan.prompt(), plan.sampler());
 *     while (s.active()) {
 *         batch.step();
 *     }
 *     String text = plan.decode(s.sampler().tokens(), s.sampler().finishReason());
 * }
 * }</pre>
 *
 * @param <T> the answer's type
 */
public final class GenerationPlan<T> {
    private final VocabularyLayout layout;
    private final Modality<T> modality;
    private final String target;
    private final Class<T> type;
    private final int[] prompt;
    private final int[] prefix;
    private final boolean continuing;
    private final SamplingConfig sampling;
    private final List<LogitsProcessor> constraints;

    GenerationPlan(VocabularyLayout layout, Modality<T> modality, String target, Class<T> type, int[] prompt,
            int[] prefix, boolean continuing, SamplingConfig sampling, List<LogitsProcessor> constraints) {
        this.layout = layout;
        this.modality = modality;
        this.target = target;
        this.type = type;
        this.prompt = prompt;
        this.prefix = prefix;
        this.continuing = continuing;
        this.sampling = sampling;
        this.constraints = List.copyOf(constraints);
    }

    /** @return the prompt's global ids (a copy), framed as the model reads them */
    public int[] prompt() {
        return prompt.clone();
    }

    /** @return the sampling settings the answer is generated with (its stop token and budget included) */
    public SamplingConfig sampling() {
        return sampling;
    }

    /** @return the constraints of the answer's modality (empty in an unframed layout) */
    public List<LogitsProcessor> constraints() {
        return constraints;
    }

    /** @return the answer's modality name */
    public String target() {
        return target;
    }

    /** @return a fresh sampler for this plan, seeded with {@code sampling().seed()} */
    public TokenSampler sampler() {
        return new TokenSampler(layout, prompt, sampling, constraints, sampling.seed());
    }

    /**
     * Hands out the answer's text as it is written, whole characters only (String answers): a replacement
     * character at the end (the first bytes of a character a later token may complete) is held back until
     * something follows it, so the pieces are always a prefix of {@link #decode} of the same tokens.
     *
     * @param pieces receives each new piece of text on the thread that calls the listener
     * @return a listener to call with every generated id (its row is ignored)
     * @throws IllegalArgumentException if the answer is not text
     */
    public TokenListener textPieces(Consumer<String> pieces) {
        if (type != String.class) {
            throw new IllegalArgumentException("only a text answer streams; this one is a " + type.getSimpleName());
        }
        return new TextPieces(modality, target, layout, continuing ? prefix : new int[0], pieces);
    }

    /**
     * Decodes generated ids (the prompt's excluded) into the answer.
     *
     * @param generated the generated global ids, a stop token included or not
     * @param reason why generation stopped (named in the error of an incomplete fixed-length answer)
     * @return the answer
     * @throws IllegalStateException if a fixed-length answer (an image) was not completed
     */
    public T decode(int[] generated, FinishReason reason) {
        int offset = layout.offset(target);
        int[] local = Arrays.stream(generated).filter(id -> target.equals(layout.modalityOf(id)))
                .map(id -> id - offset).toArray();
        if (modality.fixedLength() > 0 && local.length != modality.fixedLength()) {
            throw new IllegalStateException("the model wrote " + local.length + " tokens of '" + target + "', an "
                    + type.getSimpleName() + " needs exactly " + modality.fixedLength() + " (finish: " + reason + ")");
        }
        return decode(continuing ? prefix : new int[0], local);
    }

    /**
     * Decodes what the model wrote after a prompt's own tokens of the same modality: both together, so a
     * character split across the boundary comes out whole, then the prompt's text is cut off.
     */
    private T decode(int[] head, int[] local) {
        if (head.length > 0 && type == String.class) {
            String whole = (String) modality.detokenizer().decode(new Segment(target, concat(head, local)));
            String start = (String) modality.detokenizer().decode(new Segment(target, head));
            if (whole.startsWith(start)) {
                return type.cast(whole.substring(start.length()));
            }
        }
        return modality.detokenizer().decode(new Segment(target, local));
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Streams decoded text: re-decodes what has been written and hands out what is new and whole. */
    private static final class TextPieces implements TokenListener {
        private final Modality<?> modality;
        private final String name;
        private final VocabularyLayout layout;
        private final Consumer<String> sink;
        private int[] tokens;
        private int emitted;

        TextPieces(Modality<?> modality, String name, VocabularyLayout layout, int[] prefix, Consumer<String> sink) {
            this.modality = modality;
            this.name = name;
            this.layout = layout;
            this.sink = sink;
            this.tokens = prefix.clone();
            this.emitted = decoded(prefix).length();
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
            int end = text.length();
            while (end > emitted && text.charAt(end - 1) == '\uFFFD') {
                end--; // maybe the first bytes of a character a later token completes: wait
            }
            if (end > emitted) {
                sink.accept(text.substring(emitted, end));
                emitted = end;
            }
        }
    }
}
