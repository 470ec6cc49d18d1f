package dev.tessera.serve;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tessera.serve.api.ApiException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a request body as one JSON object, never more than the configured size into memory. */
final class JsonBodies {
    private final int maxBytes;

    JsonBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @param ctx the request
     * @return the body's JSON object
     * @throws ApiException 413 if the body is too large, 400 if it is not one JSON object
     */
    JsonObject read(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw tooLarge(declared + " bytes");
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ctx.req().getInputStream()) {
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (buf.size() + n > maxBytes) {
                    throw tooLarge("more than " + maxBytes + " bytes");
                }
                buf.write(chunk, 0, n);
            }
        }
        if (buf.size() == 0) {
            throw ApiException.invalid(null, "the request body is empty; send a JSON object");
        }
        JsonElement e;
        try {
            e = JsonParser.parseString(buf.toString(StandardCharsets.UTF_8));
        } catch (JsonParseException | IllegalStateException bad) {
            throw ApiException.invalid(null, "the request body is not valid JSON: " + message(bad));
        }
        if (!e.isJsonObject()) {
            throw ApiException.invalid(null, "the request body must be a JSON object, got "
                    + dev.tessera.serve.openai.Fields.kind(e));
        }
        return e.getAsJsonObject();
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "invalid_request_error", null, "request_too_large",
                "the request body (" + size + ") is larger than this server's limit of " + maxBytes + " bytes");
    }

    private static String message(Exception e) {
        Throwable t = e.getCause() != null ? e.getCause() : e;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
