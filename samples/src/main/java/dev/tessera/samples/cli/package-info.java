/**
 * The core sub-commands of {@code tessera}: {@code train-text}, {@code generate}, {@code import},
 * {@code score} and {@code bench}.
 */
package dev.tessera.samples.cli;
