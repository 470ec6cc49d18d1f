/**
 * Vision tasks on the shared backbone: text to image, image to text and image completion
 * ({@link dev.tessera.vision.task.VisionLanguageModel}).
 */
package dev.tessera.vision.task;
