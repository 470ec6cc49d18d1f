/**
 * Jazzer fuzz targets for the image readers: IDX tensors (Fashion-MNIST) and PNG files.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.vision.fuzz;
