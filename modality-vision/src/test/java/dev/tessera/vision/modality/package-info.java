/** Tests of the image modality SPI. */
package dev.tessera.vision.modality;
