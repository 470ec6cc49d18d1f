package dev.tessera.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one shared Gson instance (records supported, NaN allowed, pretty printed). */
public final class Json {
    /** Shared, thread-safe Gson. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();
    /** Single-line variant for JSON-lines logs and CLI output. */
    public static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues()
            .disableHtmlEscaping().create();

    private Json() { }
}
