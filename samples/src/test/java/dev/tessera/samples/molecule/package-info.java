/** Tests of the molecule extension modality. */
package dev.tessera.samples.molecule;
