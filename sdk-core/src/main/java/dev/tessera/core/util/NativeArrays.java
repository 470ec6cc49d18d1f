package dev.tessera.core.util;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Creates NDArrays whose memory belongs to the engine.
 *
 * <p>DJL's PyTorch engine wraps a Java array's data with {@code from_blob} over a direct buffer
 * that only the Java wrapper keeps alive. Tensors that outlive their wrapper's bookkeeping (autograd
 * saved tensors, in-place updated parameters) were seen to read freed memory here, which showed as
 * random infinite gradients. Copying once into engine-owned memory removes that hazard. For the same
 * reason, overwrite an existing array with {@link #copyInto} rather than {@code NDArray.set(float[])},
 * which makes the array's storage a Java buffer.
 *
 * <p>Engine-owned memory is also 64-byte aligned, while a Java direct buffer is aligned to 16 bytes
 * only; MKL's kernels take an alignment-dependent path (and round differently) unless their
 * conditional-reproducibility mode is set, so arrays in Java memory can also make runs differ.
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

    /**
     * Overwrites an existing float array in place with values, through engine-owned memory (the
     * array keeps its own storage, manager and gradient flag).
     *
     * @param target the array to overwrite
     * @param values {@code target.size()} values
     * @throws IllegalArgumentException if the count does not match
     */
    public static void copyInto(NDArray target, float[] values) {
        if (values.length != target.size()) {
            throw new IllegalArgumentException("array " + target.getShape() + " needs " + target.size()
                    + " values, got " + values.length);
        }
        try (NDManager tmp = target.getManager().newSubManager()) {
            target.set(new NDIndex("..."), floats(tmp, values, target.getShape()));
        }
    }
}
