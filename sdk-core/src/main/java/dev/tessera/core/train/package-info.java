/**
 * Training: {@link dev.tessera.core.train.TrainingLoop} runs any {@link dev.tessera.core.train.StepLoss}
 * with a hand-written {@link dev.tessera.core.train.AdamW}, warm-up + cosine
 * {@link dev.tessera.core.train.LearningRateSchedule}, global-norm clipping, gradient accumulation,
 * periodic evaluation, resumable checkpoints, an optional wall-clock budget
 * ({@link dev.tessera.core.train.TrainingLoop#timeBudget}), a progress bar and a JSON-lines metrics log.
 * {@link dev.tessera.core.train.TokenLoss} is next-token cross-entropy through the per-modality heads.
 */
package dev.tessera.core.train;
