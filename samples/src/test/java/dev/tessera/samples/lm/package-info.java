/** Tests of the byte-level language model trainer: reproducibility and checkpoint/resume. */
package dev.tessera.samples.lm;
