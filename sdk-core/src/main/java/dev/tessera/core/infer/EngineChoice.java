package dev.tessera.core.infer;

import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.model.DecoderModel;
import java.util.Locale;

/**
 * Which decode engine a {@link dev.tessera.core.generate.Generator} runs on.
 *
 * <ul>
 *   <li>{@link #JVM}: {@link JvmDecodeEngine}, the backbone on Java arrays (fast at small batch on a CPU;
 *       runs a bundle's quantised weights when it has them);</li>
 *   <li>{@link #DJL}: {@link DjlDecodeEngine}, PyTorch ops through DJL (the training graph itself; the
 *       right choice on a GPU);</li>
 *   <li>{@link #AUTO}: JVM when the model lives on the CPU or the bundle is quantised, DJL otherwise.</li>
 * </ul>
 */
public enum EngineChoice {
    /** Pick by device and weights. */
    AUTO,
    /** The pure-JVM engine. */
    JVM,
    /** DJL's PyTorch operators. */
    DJL;

    /**
     * Parses a command-line value.
     *
     * @param value {@code auto}, {@code jvm} or {@code djl} (any case)
     * @return the choice
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static EngineChoice parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("engine '" + value + "' is not one of auto, jvm, djl", e);
        }
    }

    /**
     * Creates the engine for a model.
     *
     * @param model the trained model
     * @return the engine
     */
    public DecodeEngine create(DecoderModel model) {
        return resolve(model, false) == JVM ? new JvmDecodeEngine(model) : new DjlDecodeEngine(model);
    }

    /**
     * Creates the engine for a model that may come with quantised weights (a bundle's
     * {@code quantizedWeights()}); the JVM engine runs the quantised weights when given.
     *
     * @param model the trained model (dequantised weights when {@code quantized} is given)
     * @param quantized the quantised weights, or null
     * @return the engine
     */
    public DecodeEngine create(DecoderModel model, JvmWeights quantized) {
        if (resolve(model, quantized != null) == DJL) {
            return new DjlDecodeEngine(model);
        }
        return quantized != null ? new JvmDecodeEngine(quantized) : new JvmDecodeEngine(model);
    }

    /**
     * Resolves {@link #AUTO} for a model.
     *
     * @param model the model
     * @param quantized whether it comes with quantised weights
     * @return {@link #JVM} or {@link #DJL}
     */
    public EngineChoice resolve(DecoderModel model, boolean quantized) {
        if (this != AUTO) {
            return this;
        }
        return quantized || !model.manager().getDevice().isGpu() ? JVM : DJL;
    }
}
