package dev.tessera.core.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * The one shared Gson instance (records supported, pretty printed). NaN and infinities are not JSON,
 * so writing one fails instead of producing a document other tools cannot read; callers check their
 * numbers first and say which one is not finite.
 */
public final class Json {
    /** Shared, thread-safe Gson. */
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
    /** Single-line variant for JSON-lines logs and CLI output. */
    public static final Gson COMPACT = new GsonBuilder().disableHtmlEscaping().create();

    private Json() { }
}
