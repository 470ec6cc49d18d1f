/**
 * Scoring: the independent {@link dev.tessera.vision.eval.ImageClassifier} and the whole
 * {@link dev.tessera.vision.eval.VisionEvaluation} behind {@code tessera vision-eval}.
 */
package dev.tessera.vision.eval;
