package dev.tessera.serve;

/**
 * How {@code tessera serve} listens and what it admits. Safe by default: loopback only, bounded body, bounded
 * {@code max_tokens}, a bounded queue.
 *
 * @param host the address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} exposes the server)
 * @param port the TCP port, 0 for any free one
 * @param apiKey the key clients must send as {@code Authorization: Bearer KEY}, or null for none
 * @param maxBodyBytes the largest request body, 1 KiB to 64 MiB
 * @param maxTokens the largest {@code max_tokens} a request may ask for, &gt;= 1
 * @param batch the most generations decoded at once (rows of the batch), &gt;= 1
 * @param queue the most requests waiting for a row; beyond it requests get 429, &gt;= 0
 */
public record ServerConfig(String host, int port, String apiKey, int maxBodyBytes, int maxTokens, int batch,
        int queue) {

    /** Checks every field, naming it. */
    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be given (e.g. 127.0.0.1)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port (" + port + ") must be 0 to 65535");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new IllegalArgumentException("the API key must not be blank (leave it out for none)");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 << 20) {
            throw new IllegalArgumentException("maxBodyBytes (" + maxBodyBytes + ") must be 1024 to " + (64 << 20));
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens (" + maxTokens + ") must be >= 1");
        }
        if (batch < 1 || batch > 1024) {
            throw new IllegalArgumentException("batch (" + batch + ") must be 1 to 1024");
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("queue (" + queue + ") must be 0 to 100000");
        }
    }

    /**
     * The defaults: 127.0.0.1:8080, no key, 1 MiB bodies, 512 tokens, batch 16, queue 64.
     *
     * @return the config
     */
    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8080, null, 1 << 20, 512, 16, 64);
    }

    /**
     * @param p the port
     * @return a copy on another port
     */
    public ServerConfig withPort(int p) {
        return new ServerConfig(host, p, apiKey, maxBodyBytes, maxTokens, batch, queue);
    }

    /**
     * @param key the API key, or null
     * @return a copy with another key
     */
    public ServerConfig withApiKey(String key) {
        return new ServerConfig(host, port, key, maxBodyBytes, maxTokens, batch, queue);
    }

    /**
     * @param rows the batch rows
     * @param waiting the queue
     * @return a copy with another batch and queue
     */
    public ServerConfig withBatch(int rows, int waiting) {
        return new ServerConfig(host, port, apiKey, maxBodyBytes, maxTokens, rows, waiting);
    }
}
