/** Tests of the inference measurements. */
package dev.tessera.samples.infer;
