/**
 * Byte-level language modelling with the shared backbone: the recipe of {@code gpt_ref.py
 * --train-text} (first 90% of a file's bytes for training, the last 10% for validation in
 * consecutive non-overlapping context windows), so the two can be compared bit for bit of setup.
 */
package dev.tessera.samples.lm;
