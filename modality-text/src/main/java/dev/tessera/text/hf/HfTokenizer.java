package dev.tessera.text.hf;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.tessera.core.token.UnknownTokenException;
import dev.tessera.text.TextTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Any Hugging Face {@code tokenizer.json} (BPE, WordPiece, Unigram...) run by Hugging Face's own
 * Rust code through DJL's {@code ai.djl.huggingface:tokenizers} binding (natives bundled in the
 * jar, no download). Special tokens are not added around the text, nothing is truncated or padded.
 * Holds native memory: close it.
 *
 * <pre>{@code
 * try (HfTokenizer bert = HfTokenizer.load(Path.of("tokenizer.json"))) {
 *     int[] ids = bert.encode("Hello world");
 * }
 * }</pre>
 */
public final class HfTokenizer implements TextTokenizer, AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final int vocabularySize;
    private final Path file;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabularySize, Path file) {
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
        this.file = file;
    }

    /**
     * Loads a {@code tokenizer.json} file.
     *
     * @param tokenizerJson the file
     * @return the tokenizer
     * @throws IOException if the file is missing or Hugging Face cannot parse it (the message names the file)
     */
    public static HfTokenizer load(Path tokenizerJson) throws IOException {
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new NoSuchFileException(tokenizerJson.toString(), null, "tokenizer.json not found");
        }
        int vocab = VocabularySize.of(tokenizerJson);
        try {
            HuggingFaceTokenizer t = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
            return new HfTokenizer(t, vocab, tokenizerJson);
        } catch (RuntimeException e) {
            throw new IOException(tokenizerJson + ": Hugging Face tokenizers could not load it: " + e.getMessage(), e);
        }
    }

    /** @return the DJL tokenizer (for its richer API: offsets, pairs, masks) */
    public HuggingFaceTokenizer djl() {
        return tokenizer;
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public int[] encode(String text) {
        return toInts(tokenizer.encode(text, false, false).getIds());
    }

    /**
     * Encodes several texts (Hugging Face parallelises the batch on its own thread pool).
     *
     * @param texts the texts
     * @return the ids of each text
     */
    public int[][] encodeBatch(List<String> texts) {
        Encoding[] enc = tokenizer.batchEncode(texts, false, false);
        int[][] out = new int[enc.length][];
        for (int i = 0; i < enc.length; i++) {
            out[i] = toInts(enc[i].getIds());
        }
        return out;
    }

    /**
     * Returns the token strings of a text (e.g. WordPiece's {@code ##} pieces).
     *
     * @param text the text
     * @return the tokens
     */
    public String[] tokens(String text) {
        return tokenizer.encode(text, false, false).getTokens();
    }

    @Override
    public String decode(int[] ids) {
        return tokenizer.decode(toLongs(ids), false);
    }

    /**
     * Returns the UTF-8 bytes of {@link #decode(int[])}. Hugging Face decodes to a string, so an id
     * sequence that ends inside a character is already replaced here.
     *
     * @param ids the ids
     * @return the bytes of the decoded text
     */
    @Override
    public byte[] decodeBytes(int[] ids) {
        return decode(ids).getBytes(StandardCharsets.UTF_8);
    }

    private long[] toLongs(int[] ids) {
        long[] l = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize) {
                throw new UnknownTokenException(ids[i], i, file.getFileName() + " vocabulary of " + vocabularySize + " ids");
            }
            l[i] = ids[i];
        }
        return l;
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
