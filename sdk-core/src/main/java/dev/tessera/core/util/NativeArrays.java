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
 *
 * <p>The same hazard hides in DJL's arithmetic with a Java number ({@code x.mul(0.5f)},
 * {@code x.div(n)}): DJL wraps the number in a 0-d tensor over a Java direct buffer and closes the
 * wrapper at once, while autograd keeps the tensor for the backward pass; after a garbage collection
 * its memory is freed and reused, and the backward pass reads another value (a probe here: 46 of 50
 * gradients of {@code x.mul(0.5f).sum()} came out 1e30 after a GC and some small allocations between
 * the forward and the backward pass). That was the cause of the random non-finite gradients and of
 * one-thread runs that differed. On anything autograd records, multiply or divide by
 * {@link #scalar} instead.
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

    /**
     * Creates a 0-d float array in engine-owned memory, to multiply or divide by on a recorded path
     * ({@code loss.div(NativeArrays.scalar(loss.getManager(), n))}) instead of a Java number.
     *
     * @param manager the owner (use the operand's manager inside a closed scope)
     * @param value the value
     * @return the scalar array
     */
    public static NDArray scalar(NDManager manager, double value) {
        return manager.full(new Shape(), (float) value, ai.djl.ndarray.types.DataType.FLOAT32);
    }
}
