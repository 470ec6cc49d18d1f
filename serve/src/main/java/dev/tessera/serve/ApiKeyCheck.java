package dev.tessera.serve;

import dev.tessera.serve.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks {@code Authorization: Bearer KEY} against the configured key in constant time: both are hashed to
 * SHA-256 first, so neither the content nor the length of the key leaks through the comparison's timing.
 */
final class ApiKeyCheck {
    private final byte[] expected;

    ApiKeyCheck(String key) {
        this.expected = key == null ? null : sha256(key);
    }

    /** @return whether a key is required */
    boolean enabled() {
        return expected != null;
    }

    /**
     * @param authorization the header's value, or null
     * @throws ApiException 401 if the key is missing or wrong
     */
    void check(String authorization) {
        if (expected == null) {
            return;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "invalid_request_error", null, "invalid_api_key",
                    "this server needs an API key: send the header 'Authorization: Bearer YOUR_KEY'");
        }
        byte[] given = sha256(authorization.substring(7).trim());
        if (!MessageDigest.isEqual(expected, given)) {
            throw new ApiException(401, "invalid_request_error", null, "invalid_api_key",
                    "incorrect API key in the Authorization header");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
