/**
 * {@code tessera demo}: the main job. It runs every registered {@link dev.tessera.samples.demo.DemoPart}
 * and writes {@code out/demo/report.md} and {@code out/demo/metrics.json}.
 */
package dev.tessera.samples.demo;
