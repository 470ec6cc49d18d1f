/**
 * The embedded default task: multi-digit addition as in "Teaching Arithmetic to Small
 * Transformers" (Lee et al.), with the answer written in reverse, which that paper found easiest
 * to learn: {@code $123+456=9750$} (579 padded to 4 digits, reversed).
 */
package dev.tessera.samples.arithmetic;
