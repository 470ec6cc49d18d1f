package dev.tessera.text.bpe;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Limits;
import dev.tessera.core.io.StrictJson;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.tessera.core.io.AtomicFiles;
import dev.tessera.text.SurrogatePolicy;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes Hugging Face {@code tokenizer.json} files for byte-level BPE: a {@code BPE}
 * model, a {@code ByteLevel} pre-tokenizer (GPT-2's regex, no prefix space) and a
 * {@code ByteLevel} decoder, as GPT-2's own {@code tokenizer.json} has. Added tokens become
 * special tokens.
 *
 * <p>Files written here load in Hugging Face {@code tokenizers} (and so in DJL's
 * {@code HuggingFaceTokenizer}) and give the same ids as {@link ByteLevelBpe}. Reading rejects, with
 * the file and line, anything this tokenizer would not reproduce exactly: a normalizer, a prefix
 * space, a word prefix/suffix, dropout, byte fallback or {@code ignore_merges}. For other
 * tokenizer types (WordPiece, Unigram...) use {@code dev.tessera.text.hf.HfTokenizer}, which runs
 * Hugging Face's own code through DJL.
 */
public final class HfTokenizerJson {
    private HfTokenizerJson() { }

    /**
     * Writes a tokenizer as {@code tokenizer.json} text.
     *
     * @param bpe the tokenizer
     * @return the JSON text
     */
    public static String toJson(ByteLevelBpe bpe) {
        StringWriter sw = new StringWriter();
        try (JsonWriter w = new JsonWriter(sw)) {
            w.setIndent(" ");
            w.setHtmlSafe(false);
            w.beginObject();
            w.name("version").value("1.0");
            w.name("truncation").nullValue();
            w.name("padding").nullValue();
            w.name("added_tokens").beginArray();
            for (Map.Entry<String, Integer> e : bpe.specialTokenIds().entrySet()) {
                w.beginObject();
                w.name("id").value(e.getValue());
                w.name("content").value(e.getKey());
                w.name("single_word").value(false);
                w.name("lstrip").value(false);
                w.name("rstrip").value(false);
                w.name("normalized").value(false);
                w.name("special").value(true);
                w.endObject();
            }
            w.endArray();
            w.name("normalizer").nullValue();
            w.name("pre_tokenizer");
            byteLevel(w);
            w.name("post_processor").nullValue();
            w.name("decoder");
            byteLevel(w);
            w.name("model").beginObject();
            w.name("type").value("BPE");
            w.name("dropout").nullValue();
            w.name("unk_token").nullValue();
            w.name("continuing_subword_prefix").nullValue();
            w.name("end_of_word_suffix").nullValue();
            w.name("fuse_unk").value(false);
            w.name("byte_fallback").value(false);
            w.name("vocab").beginObject();
            for (int id = 0; id < bpe.vocabularySize(); id++) {
                w.name(bpe.token(id)).value(id);
            }
            w.endObject();
            w.name("merges").beginArray();
            for (String[] m : bpe.mergeStrings()) {
                w.value(m[0] + " " + m[1]);
            }
            w.endArray();
            w.endObject();
            w.endObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing JSON to a string failed", e);
        }
        return sw.toString();
    }

    private static void byteLevel(JsonWriter w) throws IOException {
        w.beginObject();
        w.name("type").value("ByteLevel");
        w.name("add_prefix_space").value(false);
        w.name("trim_offsets").value(true);
        w.name("use_regex").value(true);
        w.endObject();
    }

    /**
     * Writes a tokenizer to a {@code tokenizer.json} file atomically.
     *
     * @param bpe the tokenizer
     * @param file the target file
     * @throws IOException if writing fails
     */
    public static void write(ByteLevelBpe bpe, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(bpe));
    }

    /**
     * Reads a byte-level BPE {@code tokenizer.json} file.
     *
     * @param file the file
     * @param surrogates the lone-surrogate policy of the result
     * @return the tokenizer
     * @throws IOException if the file is missing, truncated, not byte-level BPE, or inconsistent
     *     (the message names the file and line)
     */
    public static ByteLevelBpe read(Path file, SurrogatePolicy surrogates) throws IOException {
        return parse(Gpt2Vocabulary.readText(file), file.toString(), surrogates);
    }

    /**
     * Parses {@code tokenizer.json} text.
     *
     * @param json the text
     * @param source a name for error messages (a file name)
     * @param surrogates the lone-surrogate policy of the result
     * @return the tokenizer
     * @throws MalformedVocabularyException if the text is truncated, not byte-level BPE, or
     *     inconsistent (the message names the source and line)
     */
    public static ByteLevelBpe parse(String json, String source, SurrogatePolicy surrogates)
            throws MalformedVocabularyException {
        JsonObject root;
        try {
            root = StrictJson.parseObject(json, source);
        } catch (CorruptFileException e) {
            throw new MalformedVocabularyException(source, JsonLocation.line(e.getMessage()), e.detail(), e);
        }
        try {
            return parse(root, json, source, surrogates);
        } catch (MalformedVocabularyException e) {
            throw e;
        } catch (RuntimeException e) {
            // a value of the wrong JSON type where the reader expected another (e.g. an array for a boolean)
            throw new MalformedVocabularyException(source, 0, "unexpected JSON structure: " + e.getMessage(), e);
        }
    }

    private static ByteLevelBpe parse(JsonObject root, String json, String source, SurrogatePolicy surrogates)
            throws MalformedVocabularyException {
        JsonObject model = object(root, "model", json, source);
        String type = string(model, "type");
        if (!"BPE".equals(type)) {
            throw fail(json, source, "model", "model type is '" + type + "'; only byte-level BPE is read here "
                    + "(use dev.tessera.text.hf.HfTokenizer for other models)");
        }
        requireNull(root, "normalizer", json, source, "a normalizer changes the text before tokenisation");
        JsonElement pre = root.get("pre_tokenizer");
        checkByteLevel(pre, "pre_tokenizer", json, source);
        JsonElement dec = root.get("decoder");
        if (dec != null && !dec.isJsonNull()) {
            checkByteLevel(dec, "decoder", json, source);
        }
        requireEmptyOrNull(model, "continuing_subword_prefix", json, source);
        requireEmptyOrNull(model, "end_of_word_suffix", json, source);
        requireNull(model, "dropout", json, source, "BPE dropout makes encoding random");
        requireFalse(model, "byte_fallback", json, source);
        requireFalse(model, "ignore_merges", json, source);

        JsonObject vocab = object(model, "vocab", json, source);
        JsonElement added = root.get("added_tokens");
        int addedCount = added != null && added.isJsonArray() ? added.getAsJsonArray().size() : 0;
        // ids are contiguous from 0, so no id can reach the number of tokens listed
        int tokenCount = vocab.size() + addedCount;
        if (tokenCount > Limits.MAX_VOCABULARY) {
            throw fail(json, source, "model", tokenCount + " tokens, over the limit of " + Limits.MAX_VOCABULARY);
        }
        List<String> byId = new ArrayList<>(vocab.size());
        String[] tmp = new String[vocab.size()];
        for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
            int id = intValue(e.getValue(), json, source, "model", "vocab");
            tmp = place(tmp, id, e.getKey(), tokenCount, json, source);
        }
        List<String> specials = new ArrayList<>();
        if (added != null && added.isJsonArray()) {
            for (JsonElement a : added.getAsJsonArray()) {
                if (!a.isJsonObject()) {
                    throw fail(json, source, "added_tokens", "an added token must be an object {id, content}, found " + a);
                }
                JsonObject o = a.getAsJsonObject();
                int id = intValue(o.get("id"), json, source, "added_tokens");
                String content = string(o, "content");
                if (content == null) {
                    throw fail(json, source, "added_tokens", "an added token has no 'content'");
                }
                if (id < tmp.length && content.equals(tmp[id])) {
                    specials.add(content);
                    continue;
                }
                tmp = place(tmp, id, content, tokenCount, json, source);
                specials.add(content);
            }
        }
        for (int id = 0; id < tmp.length; id++) {
            if (tmp[id] == null) {
                throw fail(json, source, "model", "ids are not contiguous: no token has id " + id);
            }
            byId.add(tmp[id]);
        }
        JsonElement mergesEl = model.get("merges");
        if (mergesEl == null || !mergesEl.isJsonArray()) {
            throw fail(json, source, "model", "missing merges: model.merges must be an array");
        }
        JsonArray arr = mergesEl.getAsJsonArray();
        List<String[]> merges = new ArrayList<>(arr.size());
        for (int k = 0; k < arr.size(); k++) {
            JsonElement m = arr.get(k);
            String[] pair = null;
            if (m.isJsonPrimitive() && m.getAsJsonPrimitive().isString()) {
                String s = m.getAsString();
                int sp = s.indexOf(' ');
                if (sp > 0 && sp < s.length() - 1 && s.indexOf(' ', sp + 1) < 0) {
                    pair = new String[] {s.substring(0, sp), s.substring(sp + 1)};
                }
            } else if (m.isJsonArray() && m.getAsJsonArray().size() == 2 && isString(m.getAsJsonArray().get(0))
                    && isString(m.getAsJsonArray().get(1))) {
                pair = new String[] {m.getAsJsonArray().get(0).getAsString(), m.getAsJsonArray().get(1).getAsString()};
            }
            if (pair == null) {
                throw new MalformedVocabularyException(source, mergeLine(json, k),
                        "merge #" + k + " is neither \"left right\" nor [\"left\", \"right\"]: " + m);
            }
            merges.add(pair);
        }
        if (merges.isEmpty() && byId.size() > 256 + specials.size()) {
            throw fail(json, source, "model", "missing merges: the vocabulary has " + byId.size()
                    + " tokens but there are no merges");
        }
        try {
            return ByteLevelBpe.of(byId, merges, specials, surrogates);
        } catch (BadMergeException e) {
            throw new MalformedVocabularyException(source, mergeLine(json, e.rank()), e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MalformedVocabularyException(source, lineOf(json, "model", "vocab"), e.getMessage(), e);
        }
    }

    private static String[] place(String[] tmp, int id, String token, int tokenCount, String json, String source)
            throws MalformedVocabularyException {
        if (id >= tokenCount) {
            throw fail(json, source, "model", "token '" + StrictJson.abbreviate(token) + "' has id " + id
                    + " but there are only " + tokenCount + " tokens (ids must be 0.." + (tokenCount - 1) + ")");
        }
        if (id >= tmp.length) {
            tmp = java.util.Arrays.copyOf(tmp, id + 1);
        }
        if (tmp[id] != null) {
            throw fail(json, source, "model", "tokens '" + tmp[id] + "' and '" + token + "' share id " + id);
        }
        tmp[id] = token;
        return tmp;
    }

    private static void checkByteLevel(JsonElement e, String field, String json, String source)
            throws MalformedVocabularyException {
        if (e == null || !e.isJsonObject() || !"ByteLevel".equals(string(e.getAsJsonObject(), "type"))) {
            throw fail(json, source, field, field + " must be {\"type\": \"ByteLevel\"} for byte-level BPE, found " + e);
        }
        JsonObject o = e.getAsJsonObject();
        if (bool(o, "add_prefix_space", false, field, json, source)) {
            throw fail(json, source, field, field + ".add_prefix_space=true is not supported (GPT-2 uses false)");
        }
        if (!bool(o, "use_regex", true, field, json, source)) {
            throw fail(json, source, field, field + ".use_regex=false is not supported (GPT-2 uses true)");
        }
    }

    private static JsonObject object(JsonObject o, String name, String json, String source)
            throws MalformedVocabularyException {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonObject()) {
            throw new MalformedVocabularyException(source, 0, "missing object '" + name + "'");
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return isString(e) ? e.getAsString() : null;
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    /** A boolean field, its default when absent or null; any other type is an error naming the field. */
    private static boolean bool(JsonObject o, String name, boolean absent, String field, String json, String source)
            throws MalformedVocabularyException {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return absent;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
            throw fail(json, source, field, field + "." + name + " must be true or false, found " + e);
        }
        return e.getAsBoolean();
    }

    private static int intValue(JsonElement e, String json, String source, String... path)
            throws MalformedVocabularyException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw fail(json, source, path[0], "expected an integer id in " + String.join(".", path) + ", found " + e);
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw fail(json, source, path[0], "id " + e + " in " + String.join(".", path) + " is not a non-negative integer");
        }
        return (int) d;
    }

    private static void requireNull(JsonObject o, String name, String json, String source, String why)
            throws MalformedVocabularyException {
        JsonElement e = o.get(name);
        if (e != null && !e.isJsonNull()) {
            throw fail(json, source, name, "'" + name + "' is set (" + why + "); not supported for byte-level BPE");
        }
    }

    private static void requireEmptyOrNull(JsonObject o, String name, String json, String source)
            throws MalformedVocabularyException {
        JsonElement e = o.get(name);
        if (e != null && !e.isJsonNull() && !(isString(e) && e.getAsString().isEmpty())) {
            throw fail(json, source, "model", "model." + name + " = " + e + " is not supported for byte-level BPE");
        }
    }

    private static void requireFalse(JsonObject o, String name, String json, String source)
            throws MalformedVocabularyException {
        if (bool(o, name, false, "model", json, source)) {
            throw fail(json, source, "model", "model." + name + " = true is not supported");
        }
    }

    private static MalformedVocabularyException fail(String json, String source, String topField, String message) {
        return new MalformedVocabularyException(source, lineOf(json, topField), message);
    }

    /** The line where a top-level field (or model.vocab) starts, found by streaming; 0 if unknown. */
    private static int lineOf(String json, String... path) {
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.beginObject();
            for (int depth = 0; depth < path.length; depth++) {
                boolean found = false;
                while (r.hasNext()) {
                    int line = JsonLocation.line(r);
                    if (r.nextName().equals(path[depth])) {
                        if (depth == path.length - 1) {
                            return line;
                        }
                        r.beginObject();
                        found = true;
                        break;
                    }
                    r.skipValue();
                }
                if (!found) {
                    return 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The line of model.merges[k], found by streaming; 0 if unknown. */
    static int mergeLine(String json, int k) {
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.beginObject();
            while (r.hasNext()) {
                if (!r.nextName().equals("model")) {
                    r.skipValue();
                    continue;
                }
                r.beginObject();
                while (r.hasNext()) {
                    if (!r.nextName().equals("merges")) {
                        r.skipValue();
                        continue;
                    }
                    r.beginArray();
                    for (int i = 0; i < k; i++) {
                        r.skipValue();
                    }
                    r.peek();
                    return JsonLocation.line(r);
                }
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
