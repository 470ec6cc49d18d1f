package dev.tessera.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * The one shared Gson instance (records supported, pretty printed). NaN and infinities are not JSON:
 * a non-finite {@code double} or {@code float} is written as {@code null} (a value that does not
 * exist, such as a metric of an empty split), so every document Tessera writes is valid JSON that
 * other tools can read. Where a non-finite number is an error rather than a missing value, the
 * caller checks before writing and says which number it is.
 */
public final class Json {
    /** Shared, thread-safe Gson. */
    public static final Gson GSON = builder().setPrettyPrinting().create();
    /** Single-line variant for JSON-lines logs and CLI output. */
    public static final Gson COMPACT = builder().create();

    private Json() { }

    private static GsonBuilder builder() {
        TypeAdapter<Double> doubles = new FiniteOrNull<>() {
            @Override
            Double parse(double v) {
                return v;
            }
        };
        TypeAdapter<Float> floats = new FiniteOrNull<>() {
            @Override
            Float parse(double v) {
                return (float) v;
            }
        };
        return new GsonBuilder().disableHtmlEscaping().registerTypeAdapter(Double.class, doubles)
                .registerTypeAdapter(double.class, doubles).registerTypeAdapter(Float.class, floats)
                .registerTypeAdapter(float.class, floats);
    }

    /** Writes finite numbers as numbers and the others as {@code null}; reads {@code null} back as null. */
    private abstract static class FiniteOrNull<T extends Number> extends TypeAdapter<T> {
        abstract T parse(double v);

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            if (value == null || !Double.isFinite(value.doubleValue())) {
                // written even where nulls are otherwise left out, so the field says it has no value
                boolean nulls = out.getSerializeNulls();
                out.setSerializeNulls(true);
                out.nullValue();
                out.setSerializeNulls(nulls);
            } else {
                out.value(value);
            }
        }

        @Override
        public T read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return parse(in.nextDouble());
        }
    }
}
