/** The {@code infer-bench} command: JVM decode engine speed, bandwidth bound and quantisation quality. */
package dev.tessera.samples.infer;
