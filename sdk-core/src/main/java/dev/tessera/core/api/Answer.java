package dev.tessera.core.api;

import dev.tessera.core.generate.GenerationResult;

/**
 * A model's answer with how it was made.
 *
 * @param value the decoded object
 * @param generation the generated tokens, why generation stopped, and its timings
 * @param <T> the object's type
 */
public record Answer<T>(T value, GenerationResult generation) { }
