/**
 * The independent judge of generated images: {@link dev.tessera.vision.eval.ImageClassifier}, a small
 * CNN trained on real images only. The evaluation behind {@code tessera vision-eval} lives with the
 * samples ({@code dev.tessera.samples.vision.VisionEvaluation}).
 */
package dev.tessera.vision.eval;
