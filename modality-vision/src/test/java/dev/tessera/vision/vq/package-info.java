/** Tests of the VQ tokenizer, codebook usage and PSNR. */
package dev.tessera.vision.vq;
