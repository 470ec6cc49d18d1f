package dev.tessera.serve.openai;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tessera.serve.api.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a JSON request's fields; each wrong one is a 400 that names the field and says what it must be.
 * A field sent as {@code null} counts as absent, as OpenAI's API treats it.
 */
public final class Fields {
    private final JsonObject body;

    /**
     * @param body the request body
     */
    public Fields(JsonObject body) {
        this.body = body;
    }

    /**
     * @param name a field
     * @return whether it is present and not null
     */
    public boolean has(String name) {
        JsonElement e = body.get(name);
        return e != null && !e.isJsonNull();
    }

    /**
     * @param name a field
     * @return its value, or null when absent
     */
    public JsonElement get(String name) {
        return has(name) ? body.get(name) : null;
    }

    /**
     * @param name a required string field
     * @return its value
     */
    public String requiredString(String name) {
        if (!has(name)) {
            throw ApiException.invalid(name, "'" + name + "' is required");
        }
        return string(name, get(name));
    }

    /**
     * @param name an optional string field
     * @param fallback its default
     * @return its value or the default
     */
    public String string(String name, String fallback) {
        return has(name) ? string(name, get(name)) : fallback;
    }

    /**
     * @param where the field's name (for the message)
     * @param e its value
     * @return the string
     */
    public static String string(String where, JsonElement e) {
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw ApiException.invalid(where, "'" + where + "' must be a string, got " + kind(e));
        }
        return p.getAsString();
    }

    /**
     * @param name an optional integer field
     * @param fallback its default
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return its value or the default
     */
    public long integer(String name, long fallback, long min, long max) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw ApiException.invalid(name, "'" + name + "' must be an integer, got " + kind(e));
        }
        double d = p.getAsDouble();
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw ApiException.invalid(name, "'" + name + "' must be an integer, got " + p.getAsString());
        }
        long v;
        try {
            v = p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException overflow) {
            throw ApiException.invalid(name, "'" + name + "' (" + p.getAsString() + ") must be " + min + " to " + max);
        }
        if (v < min || v > max) {
            throw ApiException.invalid(name, "'" + name + "' (" + v + ") must be " + min + " to " + max);
        }
        return v;
    }

    /**
     * @param name an optional number field
     * @param fallback its default
     * @param min the smallest allowed
     * @param max the largest allowed
     * @param minExclusive whether {@code min} itself is refused
     * @return its value or the default
     */
    public double number(String name, double fallback, double min, double max, boolean minExclusive) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw ApiException.invalid(name, "'" + name + "' must be a number, got " + kind(e));
        }
        double v = p.getAsDouble();
        if (!(minExclusive ? v > min : v >= min) || !(v <= max)) {
            throw ApiException.invalid(name, "'" + name + "' (" + p.getAsString() + ") must be in "
                    + (minExclusive ? "(" : "[") + min + ", " + max + "]");
        }
        return v;
    }

    /**
     * @param name an optional boolean field
     * @param fallback its default
     * @return its value or the default
     */
    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonElement e = get(name);
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw ApiException.invalid(name, "'" + name + "' must be true or false, got " + kind(e));
        }
        return p.getAsBoolean();
    }

    /**
     * A string or an array of strings (OpenAI's {@code prompt} and {@code stop}).
     *
     * @param name the field
     * @param maxItems the most strings
     * @param allowEmpty whether an empty string is allowed
     * @return the strings (empty when absent)
     */
    public List<String> strings(String name, int maxItems, boolean allowEmpty) {
        List<String> out = new ArrayList<>();
        if (!has(name)) {
            return out;
        }
        JsonElement e = get(name);
        if (e instanceof JsonArray a) {
            if (a.size() > maxItems) {
                throw ApiException.invalid(name, "'" + name + "' has " + a.size() + " items; at most " + maxItems);
            }
            for (int i = 0; i < a.size(); i++) {
                out.add(string(name + "[" + i + "]", a.get(i)));
            }
        } else {
            out.add(string(name, e));
        }
        for (int i = 0; i < out.size(); i++) {
            if (!allowEmpty && out.get(i).isEmpty()) {
                throw ApiException.invalid(name, "'" + name + "' must not be an empty string");
            }
        }
        return out;
    }

    /**
     * Refuses a field this server does not implement when it asks for more than the default.
     *
     * @param name the field
     * @param allowed whether the given value is the harmless default
     */
    public void unsupportedUnless(String name, boolean allowed) {
        if (has(name) && !allowed) {
            throw ApiException.invalid(name, "'" + name + "' is not supported by this server; leave it out");
        }
    }

    /**
     * @param e a JSON value or null
     * @return its kind, for messages ("a number", "an array", ...)
     */
    public static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? "a boolean" : p.isNumber() ? "a number (" + p.getAsString() + ")" : "a string";
    }
}
