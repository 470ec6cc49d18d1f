package dev.tessera.serve.batch;

/** The batch and its waiting queue are full: the request should be retried later (HTTP 429). */
public final class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int retryAfterSeconds;

    /**
     * @param message what is full
     * @param retryAfterSeconds a guess of when a slot frees up, at least 1
     */
    public QueueFullException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** @return seconds until a retry is likely to be admitted */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
