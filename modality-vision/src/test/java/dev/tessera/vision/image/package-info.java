/** Tests of image I/O, preprocessing and grids. */
package dev.tessera.vision.image;
