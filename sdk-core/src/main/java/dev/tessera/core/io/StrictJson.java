package dev.tessera.core.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads JSON that other people wrote, by the standard's rules and no more leniently: valid UTF-8,
 * strict syntax (no comments, single quotes or {@code NaN}), no duplicate names in an object (the
 * last one would silently win), at most {@link Limits#MAX_NESTING} levels, nothing after the value.
 * Numbers keep their text, so a reader can insist on integers written as integers. Every error is a
 * {@link CorruptFileException} naming the source and the line, column and JSON path.
 */
public final class StrictJson {
    private StrictJson() { }

    /**
     * Decodes UTF-8, rejecting malformed bytes instead of replacing them.
     *
     * @param bytes the bytes
     * @param source the file or entry, for the message
     * @param offset the file offset of {@code bytes[0]}, for the message
     * @return the text
     * @throws CorruptFileException at the first malformed byte
     */
    public static String utf8(byte[] bytes, String source, long offset) throws CorruptFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            throw new CorruptFileException(source, "byte " + (offset + bad) + ": not valid UTF-8 (0x"
                    + Integer.toHexString(bytes[Math.min(bad, bytes.length - 1)] & 0xff) + ")");
        }
    }

    private static int firstBadByte(byte[] b) {
        var dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, b.length));
        dec.decode(in, out, true);
        return in.position();
    }

    /**
     * Parses a document whose top level must be an object.
     *
     * @param json the text
     * @param source the file or entry, for the message
     * @return the object
     * @throws CorruptFileException if the text is not one strict JSON object
     */
    public static JsonObject parseObject(String json, String source) throws CorruptFileException {
        JsonElement e = parse(json, source);
        if (!e.isJsonObject()) {
            throw new CorruptFileException(source, "line 1: expected a JSON object at the top level, found "
                    + abbreviate(e.toString()));
        }
        return e.getAsJsonObject();
    }

    /**
     * Parses one strict JSON value.
     *
     * @param json the text
     * @param source the file or entry, for the message
     * @return the value
     * @throws CorruptFileException if the text is not one strict JSON value
     */
    public static JsonElement parse(String json, String source) throws CorruptFileException {
        JsonReader r = new JsonReader(new StringReader(json));
        r.setStrictness(Strictness.STRICT);
        try {
            JsonElement e = value(r, source, 0);
            String after = where(r);
            boolean end;
            try {
                end = r.peek() == JsonToken.END_DOCUMENT;
            } catch (IOException ex) {
                end = false;
            }
            if (!end) {
                throw new CorruptFileException(source, after + ": unexpected content after the JSON value");
            }
            return e;
        } catch (CorruptFileException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String m = String.valueOf(e.getMessage());
            throw new CorruptFileException(source, "not valid JSON" + (json.isBlank() ? " (empty)" : "") + ": "
                    + m.replace("\nSee https://github.com/google/gson/blob/main/Troubleshooting.md#malformed-json", "")
                    .replace("Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON", "malformed JSON"), e);
        }
    }

    private static JsonElement value(JsonReader r, String source, int depth) throws IOException {
        if (depth > Limits.MAX_NESTING) {
            throw new CorruptFileException(source, where(r) + ": nested more than " + Limits.MAX_NESTING + " levels deep");
        }
        switch (r.peek()) {
            case BEGIN_OBJECT: {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String at = where(r);
                    String name = r.nextName();
                    if (o.has(name)) {
                        throw new CorruptFileException(source, at + ": duplicate name '" + abbreviate(name)
                                + "' (only one may appear in an object)");
                    }
                    o.add(name, value(r, source, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY: {
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(value(r, source, depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING:
                return new JsonPrimitive(r.nextString());
            case NUMBER:
                return new JsonPrimitive(new RawNumber(r.nextString()));
            case BOOLEAN:
                return new JsonPrimitive(r.nextBoolean());
            case NULL:
                r.nextNull();
                return JsonNull.INSTANCE;
            default:
                throw new CorruptFileException(source, where(r) + ": expected a JSON value, found " + r.peek());
        }
    }

    /**
     * Describes where a reader is: {@code line L column C (path $.a.b)}.
     *
     * @param r the reader
     * @return the place
     */
    public static String where(JsonReader r) {
        String s = r.toString(); // "JsonReader at line 3 column 7 path $.model"
        int at = s.indexOf(" at ");
        return at < 0 ? r.getPath() : s.substring(at + 4).replace(" path ", " (JSON path ") + ")";
    }

    /**
     * The most telling message of an error: that of the innermost cause that has one (Gson wraps the
     * message of a record's validating constructor in "Failed to invoke constructor ...").
     *
     * @param e the error
     * @return the message
     */
    public static String rootMessage(Throwable e) {
        String m = e.getMessage();
        for (Throwable c = e.getCause(); c != null && c != e; e = c, c = c.getCause()) {
            if (c.getMessage() != null && !(c instanceof java.lang.reflect.InvocationTargetException)) {
                m = c.getMessage();
            }
        }
        return m;
    }

    /**
     * Shortens a value for a message.
     *
     * @param s the text
     * @return at most about 60 characters of it
     */
    public static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    /** A JSON number that keeps the text it was written as. */
    private static final class RawNumber extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        RawNumber(String text) {
            this.text = text;
        }

        /** An int only when written as one in range: {@code 8.5} or {@code 3000000000} is an error, not 8 or a wrap. */
        @Override
        public int intValue() {
            long v = longValue();
            if (v != (int) v) {
                throw new NumberFormatException("expected an int, found " + text + " (out of range)");
            }
            return (int) v;
        }

        /** A long only when written as an integer: {@code 8.5} or {@code 1e3} is an error, not a truncation. */
        @Override
        public long longValue() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new NumberFormatException("expected an integer, found " + abbreviate(text));
            }
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
