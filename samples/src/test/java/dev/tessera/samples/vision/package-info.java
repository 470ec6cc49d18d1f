/** Tests of the vision evaluation's helpers. */
package dev.tessera.samples.vision;
