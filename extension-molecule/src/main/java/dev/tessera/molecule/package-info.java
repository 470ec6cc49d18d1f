/**
 * Molecules as an extension modality, written only against {@code sdk-core}'s public API the way a
 * third party would: a CML reader and XYZ writer, a canonical frame and atom order, a tokenizer that
 * writes each heavy atom as an element token plus three quantised coordinate tokens, a
 * {@link dev.tessera.core.modality.ModalityProvider} registered in {@code META-INF/services}, a
 * validity metric based on covalent radii, and a class-conditioned generation
 * {@link dev.tessera.core.task.Task}. {@code docs/write-your-own-modality.md} walks through it.
 *
 * @see dev.tessera.molecule.MoleculeModality
 * @see dev.tessera.molecule.MoleculeTokenizer
 * @see dev.tessera.molecule.MoleculeTask
 */
package dev.tessera.molecule;
