package dev.tessera.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a model is asked to continue: a sequence of typed parts — a {@code String}, an image, a series, a shape,
 * any type a modality of the model reads. {@link TesseraModel} finds each part's modality by its Java type (or
 * by the name given with {@link #part}) and frames the parts in order.
 *
 * <pre>{@code
 * // given: dev.tessera.vision.image.ImageData image
 * Prompt p = Prompt.of(image);                       // caption this image
 * Prompt q = Prompt.of("a large red circle top left"); // a text prompt
 * }</pre>
 *
 * @param parts the parts, in order (at least one)
 */
public record Prompt(List<Part> parts) {

    /**
     * One part of a prompt.
     *
     * @param modality the modality that reads it, or null to choose by the value's type
     * @param value the object
     */
    public record Part(String modality, Object value) {
        /** Checks the value. */
        public Part {
            Objects.requireNonNull(value, "a prompt part needs a value");
        }
    }

    /** Copies and checks the parts. */
    public Prompt {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one part");
        }
        parts = List.copyOf(parts);
    }

    /**
     * A prompt of objects, each read by the modality of its type.
     *
     * @param values the parts ({@code String}s, images, ... or {@link Part}s)
     * @return the prompt
     */
    public static Prompt of(Object... values) {
        List<Part> parts = new ArrayList<>();
        for (Object v : values) {
            parts.add(v instanceof Part p ? p : new Part(null, v));
        }
        return new Prompt(parts);
    }

    /**
     * A part read by a named modality (when several modalities read the same type).
     *
     * @param modality the modality's name
     * @param value the object
     * @return the part
     */
    public static Part part(String modality, Object value) {
        return new Part(Objects.requireNonNull(modality, "modality"), value);
    }
}
