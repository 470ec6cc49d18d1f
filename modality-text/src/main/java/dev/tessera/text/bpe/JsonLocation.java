package dev.tessera.text.bpe;

import com.google.gson.stream.JsonReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the line and column a Gson {@link JsonReader} is at (Gson puts them in its messages). */
final class JsonLocation {
    private static final Pattern LINE_COL = Pattern.compile("line (\\d+) column (\\d+)");

    private JsonLocation() { }

    static int line(JsonReader r) {
        Matcher m = LINE_COL.matcher(r.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String where(JsonReader r) {
        Matcher m = LINE_COL.matcher(r.toString());
        return m.find() ? "column " + m.group(2) : "";
    }

    static int line(String message) {
        Matcher m = LINE_COL.matcher(message == null ? "" : message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
