/**
 * The main job, {@code tessera demo}: one backbone trained on a mixture of every modality's tasks
 * (arithmetic text, captioned images, series forecasting and description, captioned shapes, molecules),
 * each task scored with its own metric next to a single-task model of the same size and budget, and a
 * report (Markdown and self-contained HTML) with curves, image grids, plots and renders.
 */
package dev.tessera.samples.joint;
