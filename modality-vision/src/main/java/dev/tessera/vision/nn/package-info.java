/**
 * Functional convolution layers on raw DJL arrays ({@link dev.tessera.vision.nn.Ops}). Parameters and
 * training come from the core: {@link dev.tessera.core.train.ParameterStore} and
 * {@link dev.tessera.core.train.TrainingLoop}.
 */
package dev.tessera.vision.nn;
