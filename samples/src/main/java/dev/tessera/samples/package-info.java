/**
 * The {@code tessera} command line and the sample pipelines built on the SDK.
 *
 * @see dev.tessera.samples.TesseraCli
 */
package dev.tessera.samples;
