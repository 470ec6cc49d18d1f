package dev.tessera.core.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor as stored in a safetensors file: a dtype name ({@code F32}, {@code I32}, {@code I8},
 * {@code I64}, {@code U8}), a shape and little-endian bytes. Immutable.
 *
 * @param dtype the safetensors dtype name
 * @param shape the shape
 * @param bytes little-endian data (read-only view)
 */
public record Tensor(String dtype, long[] shape, ByteBuffer bytes) {

    /** Validates that the byte count matches dtype and shape. */
    public Tensor {
        int size = elementSize(dtype);
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (bytes.remaining() != Math.multiplyExact(n, (long) size)) {
            throw new IllegalArgumentException(dtype + " tensor of shape " + Arrays.toString(shape) + " needs "
                    + n * size + " bytes, got " + bytes.remaining());
        }
        shape = shape.clone();
        bytes = bytes.slice().asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Returns the bytes per element of a dtype.
     *
     * @param dtype the safetensors dtype name
     * @return the element size
     * @throws IllegalArgumentException for an unsupported dtype
     */
    public static int elementSize(String dtype) {
        switch (dtype) {
            case "F32":
            case "I32":
                return 4;
            case "F64":
            case "I64":
                return 8;
            case "F16":
            case "BF16":
            case "I16":
                return 2;
            case "I8":
            case "U8":
            case "BOOL":
                return 1;
            default:
                throw new IllegalArgumentException("unsupported safetensors dtype '" + dtype + "'");
        }
    }

    /** @return the number of elements */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public ByteBuffer bytes() {
        return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Wraps float data.
     *
     * @param shape the shape
     * @param data the values (copied)
     * @return the tensor
     */
    public static Tensor f32(long[] shape, float[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        return new Tensor("F32", shape, b);
    }

    /**
     * Wraps int data.
     *
     * @param shape the shape
     * @param data the values (copied)
     * @return the tensor
     */
    public static Tensor i32(long[] shape, int[] data) {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(data);
        return new Tensor("I32", shape, b);
    }

    /**
     * Wraps signed bytes.
     *
     * @param shape the shape
     * @param data the values (copied)
     * @return the tensor
     */
    public static Tensor i8(long[] shape, byte[] data) {
        return new Tensor("I8", shape, ByteBuffer.wrap(data.clone()));
    }

    /**
     * Copies an NDArray (float32 or int32) out of native memory.
     *
     * @param a the array
     * @return the tensor
     */
    public static Tensor of(NDArray a) {
        long[] shape = a.getShape().getShape();
        if (a.getDataType() == DataType.FLOAT32) {
            return f32(shape, a.toFloatArray());
        }
        if (a.getDataType() == DataType.INT32) {
            return i32(shape, a.toIntArray());
        }
        throw new IllegalArgumentException("cannot store " + a.getDataType() + " arrays (use FLOAT32 or INT32)");
    }

    /**
     * Returns the values of an F32 tensor.
     *
     * @return a new float array
     */
    public float[] floats() {
        requireDtype("F32");
        float[] f = new float[(int) elementCount()];
        bytes().asFloatBuffer().get(f);
        return f;
    }

    /**
     * Returns the values of an I32 tensor.
     *
     * @return a new int array
     */
    public int[] ints() {
        requireDtype("I32");
        int[] f = new int[(int) elementCount()];
        bytes().asIntBuffer().get(f);
        return f;
    }

    /**
     * Returns the values of an I8 tensor.
     *
     * @return a new byte array
     */
    public byte[] int8s() {
        requireDtype("I8");
        byte[] f = new byte[(int) elementCount()];
        bytes().get(f);
        return f;
    }

    private void requireDtype(String want) {
        if (!dtype.equals(want)) {
            throw new IllegalArgumentException("tensor is " + dtype + ", not " + want);
        }
    }

    /**
     * Creates an NDArray (F32 or I32) in a manager.
     *
     * @param manager the owner of the new array
     * @return the array
     */
    public NDArray toNDArray(NDManager manager) {
        if (dtype.equals("F32")) {
            return manager.create(floats(), new Shape(shape));
        }
        if (dtype.equals("I32")) {
            return manager.create(ints(), new Shape(shape));
        }
        throw new IllegalArgumentException("cannot turn a " + dtype + " tensor into an NDArray");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor && ((Tensor) o).dtype.equals(dtype) && Arrays.equals(((Tensor) o).shape, shape)
                && ((Tensor) o).bytes().equals(bytes());
    }

    @Override
    public int hashCode() {
        return dtype.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Tensor[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
