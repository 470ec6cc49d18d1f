/**
 * Image data sets: IDX files ({@link dev.tessera.vision.data.IdxReader}), Fashion-MNIST, image
 * folders, and the captioned synthetic shapes with their programmatic
 * {@link dev.tessera.vision.data.ShapeCaptionChecker}.
 *
 * @see dev.tessera.vision.data.LabeledImages
 */
package dev.tessera.vision.data;
