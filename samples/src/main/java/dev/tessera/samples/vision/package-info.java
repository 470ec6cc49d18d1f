/**
 * Vision commands: {@code tessera vision-eval} and the vision part of {@code tessera demo}. The logic
 * lives in {@link dev.tessera.vision.eval.VisionEvaluation}.
 */
package dev.tessera.samples.vision;
