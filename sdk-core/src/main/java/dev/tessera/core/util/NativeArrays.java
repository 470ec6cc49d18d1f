package dev.tessera.core.util;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Creates NDArrays whose memory belongs to the engine.
 *
 * <p>DJL's PyTorch engine wraps a Java array's data with {@code from_blob} over a direct buffer
 * that only the Java wrapper keeps alive. Tensors that outlive their wrapper's bookkeeping (autograd
 * saved tensors, in-place updated parameters) were seen to read freed memory here, which showed as
 * random infinite gradients. Copying once into engine-owned memory removes that hazard.
 */
public final class NativeArrays {
    private NativeArrays() { }

    /**
     * Creates a float array in engine-owned memory.
     *
     * @param manager the owner
     * @param data the values
     * @param shape the shape
     * @return the array
     */
    public static NDArray floats(NDManager manager, float[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }

    /**
     * Creates an int array in engine-owned memory.
     *
     * @param manager the owner
     * @param data the values
     * @param shape the shape
     * @return the array
     */
    public static NDArray ints(NDManager manager, int[] data, Shape shape) {
        try (NDArray blob = manager.create(data, shape)) {
            return blob.duplicate();
        }
    }
}
