package dev.tessera.core.modality;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import dev.tessera.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named byte entries that hold one modality's saved state inside a model bundle (for example
 * {@code vocab.json} or {@code codebook.safetensors}). Entry names are plain file names.
 */
public final class ModalityState {
    private final String owner;
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    /**
     * Creates an empty state.
     *
     * @param owner the modality this state belongs to, used in error messages
     */
    public ModalityState(String owner) {
        this.owner = owner;
    }

    /**
     * Returns the modality this state belongs to.
     *
     * @return the owner name
     */
    public String owner() {
        return owner;
    }

    /**
     * Stores raw bytes under a name.
     *
     * @param name the entry name, {@code [A-Za-z0-9._-]+}
     * @param bytes the content (copied)
     */
    public void putBytes(String name, byte[] bytes) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "modality '" + owner + "': entry name '" + name + "' must match [A-Za-z0-9._-]+");
        }
        entries.put(name, bytes.clone());
    }

    /**
     * Stores a UTF-8 string under a name.
     *
     * @param name the entry name
     * @param text the content
     */
    public void putString(String name, String text) {
        putBytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Stores an object as JSON (records and plain classes, through Gson).
     *
     * @param name the entry name
     * @param value the object to serialise
     */
    public void putJson(String name, Object value) {
        putString(name, Json.GSON.toJson(value));
    }

    /**
     * Returns the bytes of an entry.
     *
     * @param name the entry name
     * @return a copy of the content
     * @throws IOException if there is no such entry
     */
    public byte[] getBytes(String name) throws IOException {
        byte[] b = entries.get(name);
        if (b == null) {
            throw new IOException(
                    "modality '" + owner + "': missing state entry '" + name + "' (have " + entries.keySet() + ")");
        }
        return b.clone();
    }

    /**
     * Returns an entry decoded as UTF-8.
     *
     * @param name the entry name
     * @return the text
     * @throws IOException if there is no such entry
     */
    public String getString(String name) throws IOException {
        return new String(getBytes(name), StandardCharsets.UTF_8);
    }

    /**
     * Returns an entry parsed from JSON into {@code type}.
     *
     * @param name the entry name
     * @param type the class to parse into
     * @param <T> the result type
     * @return the parsed object
     * @throws IOException if the entry is missing or is not valid JSON for {@code type}
     */
    public <T> T getJson(String name, Class<T> type) throws IOException {
        try {
            T value = Json.GSON.fromJson(getString(name), type);
            if (value == null) {
                throw new IOException("modality '" + owner + "': entry '" + name + "' is empty");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IOException("modality '" + owner + "': entry '" + name + "' is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Returns an entry parsed as a JSON tree.
     *
     * @param name the entry name
     * @return the JSON element
     * @throws IOException if the entry is missing or is not valid JSON
     */
    public JsonElement getJsonTree(String name) throws IOException {
        return getJson(name, JsonElement.class);
    }

    /**
     * Tells whether an entry exists.
     *
     * @param name the entry name
     * @return {@code true} if present
     */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /**
     * Returns the entry names in insertion order.
     *
     * @return an unmodifiable view of the names
     */
    public Set<String> names() {
        return Collections.unmodifiableSet(entries.keySet());
    }
}
