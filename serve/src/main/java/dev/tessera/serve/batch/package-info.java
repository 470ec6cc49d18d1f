/**
 * Continuous batching for a server: many text generations share one batched decode; each joins at the next
 * step, leaves when it ends or its client goes away, and keeps its own settings, seed and stop strings.
 *
 * @see dev.tessera.serve.batch.ContinuousBatcher
 * @see dev.tessera.serve.batch.Job
 */
package dev.tessera.serve.batch;
