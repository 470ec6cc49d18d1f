package dev.tessera.text.modality;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextTokenizer;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.chars.ByteTokenizer;
import dev.tessera.text.chars.CharTokenizer;
import java.util.Objects;

/**
 * Text as a modality: a {@link TextTokenizer} (byte-level BPE, an explicit character alphabet, or
 * raw UTF-8 bytes) behind the core's tokenizer/detokenizer SPI.
 *
 * <p>Saved state ({@link #save(ModalityState)}): {@code text.json} (the kind and policies) plus
 * {@code tokenizer.json} (a Hugging Face file) for BPE or {@code alphabet.json} for characters.
 * {@link TextModalityProvider} (provider name {@value TextModalityProvider#NAME}) restores it.
 *
 * <pre>{@code
 * // given: List<String> corpus
 * TextModality text = TextModality.of("text", new BpeTrainer(BpeTrainingConfig.of(1024)).train(corpus));
 * Segment s = text.tokenizer().encode("Hello");
 * String back = text.detokenizer().decode(s);
 * }</pre>
 */
public final class TextModality implements Modality<String> {
    private final String name;
    private final TextTokenizer tokenizer;
    private final SpecialTokenPolicy specialTokens;

    /** The saved settings ({@code text.json}). */
    record Settings(String kind, String surrogates, String specialTokens, int vocabularySize) { }

    private TextModality(String name, TextTokenizer tokenizer, SpecialTokenPolicy specialTokens) {
        if (!name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("modality name '" + name + "' must match [a-z][a-z0-9_-]*");
        }
        if (!(tokenizer instanceof ByteLevelBpe || tokenizer instanceof CharTokenizer || tokenizer instanceof ByteTokenizer)) {
            throw new IllegalArgumentException("TextModality saves ByteLevelBpe, CharTokenizer or ByteTokenizer state; got "
                    + tokenizer.getClass().getName());
        }
        this.name = name;
        this.tokenizer = tokenizer;
        this.specialTokens = Objects.requireNonNull(specialTokens, "specialTokens");
    }

    /**
     * Makes a text modality that rejects special tokens found in the text.
     *
     * @param name the modality name ({@code [a-z][a-z0-9_-]*})
     * @param tokenizer a {@link ByteLevelBpe}, {@link CharTokenizer} or {@link ByteTokenizer}
     * @return the modality
     */
    public static TextModality of(String name, TextTokenizer tokenizer) {
        return new TextModality(name, tokenizer, SpecialTokenPolicy.REJECT);
    }

    /**
     * Returns a copy with another special-token policy (used by BPE tokenizers).
     *
     * @param policy the policy
     * @return the new modality
     */
    public TextModality withSpecialTokens(SpecialTokenPolicy policy) {
        return new TextModality(name, tokenizer, policy);
    }

    /** @return the underlying text tokenizer */
    public TextTokenizer textTokenizer() {
        return tokenizer;
    }

    /** @return the special-token policy */
    public SpecialTokenPolicy specialTokenPolicy() {
        return specialTokens;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<String> type() {
        return String.class;
    }

    @Override
    public int vocabularySize() {
        return tokenizer.vocabularySize();
    }

    @Override
    public ModalityTokenizer<String> tokenizer() {
        return ModalityTokenizer.of(name, tokenizer.vocabularySize(), input -> new Segment(name,
                tokenizer instanceof ByteLevelBpe bpe ? bpe.encode(input, specialTokens) : tokenizer.encode(input)));
    }

    @Override
    public ModalityDetokenizer<String> detokenizer() {
        return ModalityDetokenizer.of(name, segment -> tokenizer.decode(segment.tokens()));
    }

    @Override
    public String providerName() {
        return TextModalityProvider.NAME;
    }

    @Override
    public void save(ModalityState state) {
        if (tokenizer instanceof ByteLevelBpe) {
            ByteLevelBpe bpe = (ByteLevelBpe) tokenizer;
            state.putJson("text.json", new Settings("bpe", bpe.surrogatePolicy().name(), specialTokens.name(), bpe.vocabularySize()));
            state.putString("tokenizer.json", HfTokenizerJson.toJson(bpe));
        } else if (tokenizer instanceof CharTokenizer) {
            CharTokenizer c = (CharTokenizer) tokenizer;
            state.putJson("text.json", new Settings("chars", SurrogatePolicy.REJECT.name(), specialTokens.name(), c.vocabularySize()));
            state.putJson("alphabet.json", c.alphabet());
        } else {
            ByteTokenizer b = (ByteTokenizer) tokenizer;
            state.putJson("text.json", new Settings("bytes", b.surrogatePolicy().name(), specialTokens.name(), 256));
        }
    }
}
