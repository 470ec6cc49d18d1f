package dev.tessera.core.token;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A run of tokens of one modality: local ids (in the modality's own vocabulary), optional
 * continuous features per token, and metadata the detokenizer needs (image grid shape, series
 * scale, point-cloud transform...).
 *
 * <p>Immutable: arrays are copied on the way in and out.
 */
public final class Segment {
    private final String modality;
    private final int[] tokens;
    private final float[][] features;
    private final Map<String, Object> metadata;

    /**
     * Creates a segment.
     *
     * @param modality the modality name
     * @param tokens local ids
     * @param features per-token continuous features ({@code tokens.length} rows), or {@code null}
     * @param metadata values for the detokenizer (numbers, strings, double[]), copied
     */
    public Segment(String modality, int[] tokens, float[][] features, Map<String, Object> metadata) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.tokens = tokens.clone();
        if (features != null && features.length != tokens.length) {
            throw new IllegalArgumentException("segment '" + modality + "': " + features.length
                    + " feature rows for " + tokens.length + " tokens");
        }
        this.features = features == null ? null : deepCopy(features);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Creates a segment of ids only.
     *
     * @param modality the modality name
     * @param tokens local ids
     */
    public Segment(String modality, int[] tokens) {
        this(modality, tokens, null, Map.of());
    }

    /**
     * Creates a segment of ids with metadata.
     *
     * @param modality the modality name
     * @param tokens local ids
     * @param metadata values for the detokenizer
     * @return the segment
     */
    public static Segment of(String modality, int[] tokens, Map<String, Object> metadata) {
        return new Segment(modality, tokens, null, metadata);
    }

    private static float[][] deepCopy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** @return the modality name */
    public String modality() {
        return modality;
    }

    /** @return a copy of the local ids */
    public int[] tokens() {
        return tokens.clone();
    }

    /** @return the number of tokens */
    public int length() {
        return tokens.length;
    }

    /**
     * Returns one local id.
     *
     * @param i the position
     * @return the id at {@code i}
     */
    public int token(int i) {
        return tokens[i];
    }

    /** @return a copy of the continuous features, or {@code null} when there are none */
    public float[][] features() {
        return features == null ? null : deepCopy(features);
    }

    /** @return the metadata (unmodifiable) */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /**
     * Returns a number from the metadata.
     *
     * @param key the key
     * @return the value as a double
     * @throws IllegalArgumentException if the key is missing or not a number
     */
    public double metaDouble(String key) {
        Object v = metadata.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("segment '" + modality + "': metadata '" + key
                    + "' is missing or not a number (have " + metadata.keySet() + ")");
        }
        return ((Number) v).doubleValue();
    }

    /**
     * Returns an integer from the metadata.
     *
     * @param key the key
     * @return the value as an int
     * @throws IllegalArgumentException if the key is missing or not a number
     */
    public int metaInt(String key) {
        return (int) Math.round(metaDouble(key));
    }

    /**
     * Returns a copy of this segment with other tokens (same modality and metadata, no features).
     *
     * @param newTokens the new local ids
     * @return the new segment
     */
    public Segment withTokens(int[] newTokens) {
        return new Segment(modality, newTokens, null, metadata);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Segment)) {
            return false;
        }
        Segment s = (Segment) o;
        return modality.equals(s.modality) && Arrays.equals(tokens, s.tokens)
                && Arrays.deepEquals(features, s.features) && metadata.equals(s.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modality, Arrays.hashCode(tokens), metadata);
    }

    @Override
    public String toString() {
        return "Segment[" + modality + ", " + tokens.length + " tokens"
                + (features != null ? ", features" : "") + (metadata.isEmpty() ? "" : ", " + metadata.keySet()) + "]";
    }
}
