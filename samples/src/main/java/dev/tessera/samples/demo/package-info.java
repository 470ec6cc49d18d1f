/**
 * {@code tessera demo}: the main job. It trains one backbone on every modality's tasks
 * ({@link dev.tessera.samples.joint.JointDemo}) and writes {@code out/demo/metrics.json},
 * {@code report.md} and {@code report.html}.
 */
package dev.tessera.samples.demo;
