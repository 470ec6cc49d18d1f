/** Tests of the molecule extension modality. */
package dev.tessera.molecule;
