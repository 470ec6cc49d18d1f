/**
 * Small neural-network helpers on raw DJL arrays: named {@link dev.tessera.vision.nn.Parameters},
 * a fused {@link dev.tessera.vision.nn.Adam} and functional {@link dev.tessera.vision.nn.Ops}.
 */
package dev.tessera.vision.nn;
