/**
 * Generation: a {@link dev.tessera.core.generate.Generator} runs a
 * {@link dev.tessera.core.generate.DecodeEngine} step by step, passes each step's logits through a
 * chain of {@link dev.tessera.core.generate.LogitsProcessor}s (constraints, repetition penalty,
 * temperature, top-k, top-p, min-p; see {@link dev.tessera.core.generate.LogitsProcessors}) and
 * draws the next token with a seeded sampler; a {@link dev.tessera.core.generate.TokenSampler} holds
 * that state for one sequence. {@link dev.tessera.core.generate.ClosedSetConstraint} limits a
 * segment to a known list of sequences (captions, labels): greedy decoding under it is a classifier.
 *
 * @see dev.tessera.core.generate.SamplingConfig
 * @see dev.tessera.core.generate.GenerationResult
 */
package dev.tessera.core.generate;
