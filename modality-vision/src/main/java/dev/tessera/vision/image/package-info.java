/**
 * Image I/O and preprocessing through BoofCV: {@link dev.tessera.vision.image.ImageData},
 * {@link dev.tessera.vision.image.Images} (read/write PNG and JPEG, resize, gray/RGB) and
 * {@link dev.tessera.vision.image.ImageGrid}.
 */
package dev.tessera.vision.image;
