/**
 * Jazzer fuzz target for the CML molecule reader of the molecule extension sample.
 *
 * @see dev.tessera.core.fuzz.FuzzSupport
 */
package dev.tessera.samples.fuzz;
