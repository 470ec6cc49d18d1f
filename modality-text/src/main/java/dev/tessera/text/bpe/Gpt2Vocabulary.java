package dev.tessera.text.bpe;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import dev.tessera.core.io.StrictJson;
import java.io.StringReader;

import com.google.gson.JsonParseException;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.tessera.text.SurrogatePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the original GPT-2 vocabulary files: {@code encoder.json} (token string to id) and
 * {@code vocab.bpe} (a {@code #version} line, then one merge per line, {@code "left right"}, in
 * rank order).
 *
 * <p>Checks made, each reported as a {@link MalformedVocabularyException} naming the file and
 * line: the JSON is complete and maps strings to distinct non-negative integers forming
 * {@code 0..n-1}; each merges line has exactly two tokens, both in the vocabulary, whose
 * concatenation is also in the vocabulary; and every multi-byte token of the vocabulary is
 * produced by some merge (so a truncated {@code vocab.bpe} is caught, not silently used).
 */
public final class Gpt2Vocabulary {
    /** GPT-2's special token. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private Gpt2Vocabulary() { }

    /**
     * Loads {@code encoder.json} and {@code vocab.bpe} from a folder, with GPT-2's special token
     * {@code <|endoftext|>} (when the vocabulary has it) and {@link SurrogatePolicy#REJECT}.
     *
     * @param dir the folder
     * @return the tokenizer
     * @throws IOException if a file is missing or malformed (the message names file and line)
     */
    public static ByteLevelBpe load(Path dir) throws IOException {
        return load(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"), List.of(END_OF_TEXT), SurrogatePolicy.REJECT);
    }

    /**
     * Loads a vocabulary and its merges.
     *
     * @param encoderJson the {@code encoder.json} file
     * @param vocabBpe the {@code vocab.bpe} file
     * @param specialTokens special tokens (those absent from the vocabulary are ignored)
     * @param surrogates the lone-surrogate policy
     * @return the tokenizer
     * @throws IOException if a file is missing or malformed (the message names file and line)
     */
    public static ByteLevelBpe load(Path encoderJson, Path vocabBpe, List<String> specialTokens, SurrogatePolicy surrogates)
            throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        List<String> vocab = readEncoder(encoderJson, lines);
        Set<String> inVocab = new HashSet<>(vocab);
        List<String> specials = new ArrayList<>();
        for (String s : specialTokens) {
            if (inVocab.contains(s)) {
                specials.add(s);
            }
        }
        List<int[]> mergeLines = new ArrayList<>();
        List<String[]> merges = readMerges(vocabBpe, mergeLines);
        ByteLevelBpe bpe;
        try {
            bpe = ByteLevelBpe.of(vocab, merges, specials, surrogates);
        } catch (BadMergeException e) {
            throw new MalformedVocabularyException(vocabBpe.toString(), mergeLines.get(e.rank())[0], e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedVocabularyException(encoderJson.toString(), 0, e.getMessage(), e);
        }
        Set<String> produced = new HashSet<>(merges.size() * 2);
        for (String[] m : merges) {
            produced.add(m[0] + m[1]);
        }
        Set<String> specialSet = new HashSet<>(specials);
        for (int id = 0; id < vocab.size(); id++) {
            String t = vocab.get(id);
            if (t.length() > 1 && !specialSet.contains(t) && !produced.contains(t)) {
                int last = mergeLines.get(mergeLines.size() - 1)[0];
                throw new MalformedVocabularyException(vocabBpe.toString(), last, "missing merges: no merge produces token "
                        + id + " '" + t + "' of " + encoderJson + " (line " + lines.getOrDefault(t, 0)
                        + "); the merges end at this line after " + merges.size() + " merges. Is the file truncated?");
            }
        }
        return bpe;
    }

    /** Reads encoder.json into a list indexed by id; records each token's line. */
    static List<String> readEncoder(Path file, Map<String, Integer> lineOf) throws IOException {
        String name = file.toString();
        Map<String, Integer> ids = new HashMap<>();
        int max = -1;
        Reader in = new StringReader(readText(file));
        try (in; JsonReader r = new JsonReader(in)) {
            r.beginObject();
            while (r.hasNext()) {
                int line = JsonLocation.line(r);
                String where = JsonLocation.where(r);
                String token = r.nextName();
                if (r.peek() != JsonToken.NUMBER) {
                    throw new MalformedVocabularyException(name, line, "token '" + token + "' " + where
                            + ": expected an integer id, found " + r.peek());
                }
                double d = r.nextDouble();
                if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE - 1) {
                    throw new MalformedVocabularyException(name, line, "token '" + token + "' " + where
                            + ": id " + d + " is not a non-negative integer");
                }
                Integer old = ids.put(token, (int) d);
                if (old != null) {
                    throw new MalformedVocabularyException(name, line, "token '" + token + "' " + where + " appears twice");
                }
                lineOf.put(token, line);
                max = Math.max(max, (int) d);
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedVocabularyException(name, JsonLocation.line(r), "unexpected content after the JSON object");
            }
        } catch (MalformedVocabularyException e) {
            throw e;
        } catch (IOException | JsonParseException | IllegalStateException | NumberFormatException e) {
            String msg = e.getMessage();
            throw new MalformedVocabularyException(name, JsonLocation.line(msg),
                    "not a complete JSON object of token to id (truncated?): " + msg, e);
        }
        if (ids.isEmpty()) {
            throw new MalformedVocabularyException(name, 1, "the vocabulary is empty");
        }
        if (max >= ids.size()) {
            // ids run 0..n-1; checked before the table of max + 1 entries is allocated
            String far = ids.entrySet().stream().filter(e -> e.getValue() >= ids.size()).findFirst().get().getKey();
            throw new MalformedVocabularyException(name, lineOf.get(far), "token '" + far + "' has id " + ids.get(far)
                    + " but there are only " + ids.size() + " tokens (ids must be 0.." + (ids.size() - 1) + ")");
        }
        String[] byId = new String[max + 1];
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int id = e.getValue();
            if (byId[id] != null) {
                throw new MalformedVocabularyException(name, lineOf.get(e.getKey()), "tokens '" + byId[id] + "' and '"
                        + e.getKey() + "' share id " + id);
            }
            byId[id] = e.getKey();
        }
        for (int id = 0; id <= max; id++) {
            if (byId[id] == null) {
                throw new MalformedVocabularyException(name, 0, "ids are not contiguous: no token has id " + id
                        + " (largest id " + max + ")");
            }
        }
        return List.of(byId);
    }

    /** Reads vocab.bpe; lineOut receives {line} per merge. */
    static List<String[]> readMerges(Path file, List<int[]> lineOut) throws IOException {
        String name = file.toString();
        List<String[]> merges = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new StringReader(readText(file)))) {
            String line;
            int no = 0;
            while ((line = in.readLine()) != null) {
                no++;
                if (no == 1 && line.startsWith("#version")) {
                    continue;
                }
                if (line.isEmpty()) {
                    continue;
                }
                int sp = line.indexOf(' ');
                if (sp <= 0 || sp == line.length() - 1 || line.indexOf(' ', sp + 1) >= 0) {
                    throw new MalformedVocabularyException(name, no, "expected a merge 'left right' (two tokens "
                            + "separated by one space), found '" + line + "'");
                }
                merges.add(new String[] {line.substring(0, sp), line.substring(sp + 1)});
                lineOut.add(new int[] {no});
            }
        }
        if (merges.isEmpty()) {
            throw new MalformedVocabularyException(name, 1, "missing merges: the file has no merge lines");
        }
        return merges;
    }

    /**
     * Reads a whole vocabulary file as strict UTF-8, after checking its size against
     * {@link Limits#MAX_FILE_BYTES}; a malformed byte is reported with its offset.
     */
    static String readText(Path file) throws IOException {
        try {
            byte[] b = Limits.readFile(file);
            try {
                return StrictJson.utf8(b, file.toString(), 0);
            } catch (CorruptFileException e) {
                throw new MalformedVocabularyException(file.toString(), 0, e.detail(), e);
            }
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "vocabulary file not found");
        }
    }
}
