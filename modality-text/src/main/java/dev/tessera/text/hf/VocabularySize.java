package dev.tessera.text.hf;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the vocabulary size of a {@code tokenizer.json}: 1 + the largest id of the model and added tokens. */
final class VocabularySize {
    private VocabularySize() { }

    static int of(Path file) throws IOException {
        JsonObject root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = JsonParser.parseReader(r).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(file + ": not a complete JSON object (truncated?): " + e.getMessage(), e);
        }
        int max = -1;
        JsonObject model = root.has("model") && root.get("model").isJsonObject() ? root.getAsJsonObject("model") : null;
        if (model == null) {
            throw new IOException(file + ": no 'model' object; not a Hugging Face tokenizer.json");
        }
        JsonElement vocab = model.get("vocab");
        if (vocab != null && vocab.isJsonObject()) {
            for (var e : vocab.getAsJsonObject().entrySet()) {
                max = Math.max(max, e.getValue().getAsInt());
            }
        } else if (vocab != null && vocab.isJsonArray()) { // Unigram: [[piece, score], ...]
            max = vocab.getAsJsonArray().size() - 1;
        }
        JsonElement added = root.get("added_tokens");
        if (added != null && added.isJsonArray()) {
            for (JsonElement a : added.getAsJsonArray()) {
                max = Math.max(max, a.getAsJsonObject().get("id").getAsInt());
            }
        }
        if (max < 0) {
            throw new IOException(file + ": model.vocab is missing or empty");
        }
        return max + 1;
    }
}
