/**
 * Jazzer fuzz targets ({@code @FuzzTest}) for the readers of sdk-core, and the helpers every
 * module's fuzz targets share. In a normal build each target runs once per seed under
 * {@code src/test/resources/.../<Target>Inputs/<method>/} (regression mode); {@code scripts/fuzz.sh}
 * fuzzes them for a given time. A target fails on any error other than the reader's documented
 * one, and on a documented error whose message does not name the source.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.core.fuzz;
