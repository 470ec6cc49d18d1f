/**
 * The vision modality's commands and evaluation: {@code tessera vision-eval} and {@code tessera caption},
 * with the experiment behind the first ({@link dev.tessera.samples.vision.VisionEvaluation}: data choice,
 * cached tokenizers and judge, the backbone's training, per-class scores). The modality itself
 * (codecs, image formats, tasks, the judge network) is in {@code modality-vision}.
 */
package dev.tessera.samples.vision;
