package dev.tessera.serve.api;

/**
 * A request the server refuses, answered as an OpenAI-style error object:
 * {@code {"error": {"message", "type", "param", "code"}}} with an HTTP 4xx status.
 */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String type;
    private final String param;
    private final String code;

    /**
     * @param status the HTTP status
     * @param type the error type ({@code invalid_request_error}, ...)
     * @param param the request field at fault, or null
     * @param code a short machine-readable code, or null
     * @param message what is wrong and how to fix it
     */
    public ApiException(int status, String type, String param, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /**
     * A 400 naming the field.
     *
     * @param param the field
     * @param message what is wrong with it
     * @return the exception
     */
    public static ApiException invalid(String param, String message) {
        return new ApiException(400, "invalid_request_error", param, null, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the error type */
    public String type() {
        return type;
    }

    /** @return the field at fault, or null */
    public String param() {
        return param;
    }

    /** @return the code, or null */
    public String code() {
        return code;
    }
}
