package dev.tessera.core.modality;

import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;
import java.io.IOException;
import java.util.List;

/**
 * One kind of data the backbone can read and write: a tokenizer, its detokenizer and the state
 * both need (vocabulary, codebook, bins...), which is saved inside the model bundle.
 *
 * <pre>{@code
 * // ASCII letters a-z as ids 0-25, written backwards
 * public final class ReverseLetters implements Modality<String> {
 *     public String name() { return "reverse"; }
 *     public Class<String> type() { return String.class; }
 *     public ModalityTokenizer<String> tokenizer() {
 *         return new ModalityTokenizer<>() {
 *             public String modality() { return "reverse"; }
 *             public int vocabularySize() { return 26; }
 *             public Segment encode(String s) {
 *                 return new Segment("reverse", new StringBuilder(s).reverse().chars().map(c -> c - 'a').toArray());
 *             }
 *         };
 *     }
 *     public ModalityDetokenizer<String> detokenizer() {
 *         return new ModalityDetokenizer<>() {
 *             public String modality() { return "reverse"; }
 *             public String decode(Segment seg) {
 *                 StringBuilder b = new StringBuilder();
 *                 for (int id : seg.tokens()) b.append((char) ('a' + id));
 *                 return b.reverse().toString();
 *             }
 *         };
 *     }
 *     public String providerName() { return "reverse"; }
 *     public void save(ModalityState state) { }   // nothing to save: a provider rebuilds it from its name
 * }
 * }</pre>
 *
 * @param <T> the type of object this modality reads and writes
 */
public interface Modality<T> {

    /**
     * Returns the modality name used in the vocabulary layout ({@code [a-z][a-z0-9_-]*}).
     *
     * @return the name
     */
    String name();

    /**
     * Returns the Java type of the objects this modality reads and writes.
     *
     * @return the object type
     */
    Class<T> type();

    /**
     * Returns the tokenizer.
     *
     * @return the tokenizer, never {@code null}
     */
    ModalityTokenizer<T> tokenizer();

    /**
     * Returns the detokenizer.
     *
     * @return the detokenizer, never {@code null}
     */
    ModalityDetokenizer<T> detokenizer();

    /**
     * Returns the local vocabulary size (the tokenizer's).
     *
     * @return the vocabulary size
     */
    default int vocabularySize() {
        return tokenizer().vocabularySize();
    }

    /**
     * Returns the constraints a generated segment of this modality must obey (exactly 49 image codes, a valid
     * octree, a molecule's grammar...), applied by {@code TesseraModel} while it writes
     * an object of this modality; the head of the open segment is always enforced by the generator.
     *
     * @param layout the model's layout (holds this modality)
     * @param budget the most tokens the segment may take
     * @return the processors, empty by default
     */
    default List<LogitsProcessor> outputConstraints(VocabularyLayout layout, int budget) {
        return List.of();
    }

    /**
     * Returns the exact number of tokens an object of this modality takes, when it is fixed (an image of a
     * fixed grid), so generation can be given exactly that budget.
     *
     * @return the length, or 0 when it varies
     */
    default int fixedLength() {
        return 0;
    }

    /**
     * Returns the name of the {@link ModalityProvider} that can restore this modality from its
     * saved state.
     *
     * @return the provider name
     */
    String providerName();

    /**
     * Writes everything needed to rebuild this modality into {@code state}.
     *
     * @param state where to write named entries
     * @throws IOException if an entry cannot be written
     */
    void save(ModalityState state) throws IOException;
}
