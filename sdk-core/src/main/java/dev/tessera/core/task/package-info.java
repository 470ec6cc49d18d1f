/**
 * Tasks for multi-task (joint) training of one backbone: a {@link dev.tessera.core.task.Task} turns a
 * modality's data into training sequences in a shared {@link dev.tessera.core.token.VocabularyLayout} and
 * scores a trained model on its own metric, so one model can be trained on a weighted mixture of text,
 * image, series and shape tasks and compared with single-task models of the same size and budget. A
 * {@link dev.tessera.core.task.CustomLossTask} reads or writes continuous values (patches in, quantiles
 * out) through parameters it adds to the backbone, and computes its own loss.
 */
package dev.tessera.core.task;
