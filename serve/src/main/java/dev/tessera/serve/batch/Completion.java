package dev.tessera.serve.batch;

/**
 * How one generation ended.
 *
 * @param text the whole text written (cut before a stop string that ended it)
 * @param promptTokens tokens the model read
 * @param completionTokens tokens it generated
 * @param finishReason {@code "stop"} (a stop token or string) or {@code "length"} (max tokens or a full context)
 */
public record Completion(String text, int promptTokens, int completionTokens, String finishReason) { }
