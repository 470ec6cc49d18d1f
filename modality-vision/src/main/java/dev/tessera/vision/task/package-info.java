/**
 * Vision tasks on the shared core backbone: text to image, image to text and image completion
 * ({@link dev.tessera.vision.task.VisionLanguageModel}, generation in
 * {@link dev.tessera.vision.task.VisionGeneration}), framed text+image sequences in any layout
 * ({@link dev.tessera.vision.task.VisionSequences}), the labelled-images task
 * {@link dev.tessera.vision.task.ImageTextPairsTask} ({@code image_text_pairs}, both directions, trained
 * by the core {@link dev.tessera.core.task.MultiTaskTrainer}), and the synthetic-shapes
 * {@link dev.tessera.core.task.Task}s {@code caption_to_image} and {@code image_to_caption} for
 * joint multi-task training.
 */
package dev.tessera.vision.task;
