package dev.tessera.core.infer;

/**
 * A weight matrix {@code (rows = out, cols = in)} that multiplies activation vectors: fp32,
 * int8 per output row or int4 group-wise. Immutable.
 */
public abstract class Linear {
    final int rows;
    final int cols;

    Linear(int rows, int cols) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("matrix must be non-empty, got " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * fp32 weights.
     *
     * @param rows output size
     * @param cols input size
     * @param w row-major {@code rows * cols} values (copied)
     * @return the matrix
     */
    public static Linear f32(int rows, int cols, float[] w) {
        return new F32(rows, cols, w.clone());
    }

    /**
     * int8 weights with one scale per row: {@code W[r][c] = q[r * cols + c] * scale[r]}.
     *
     * @param rows output size
     * @param cols input size
     * @param q row-major values (copied)
     * @param scale one per row (copied)
     * @return the matrix
     */
    public static Linear int8(int rows, int cols, byte[] q, float[] scale) {
        return new Int8(rows, cols, q.clone(), scale.clone());
    }

    /**
     * int4 weights, symmetric per group of inputs; see {@link #quantizedValues()} for the packing.
     *
     * @param rows output size
     * @param cols input size (even)
     * @param group inputs per scale (even)
     * @param packed {@code rows * cols / 2} bytes (copied)
     * @param scale {@code rows * ceil(cols / group)} scales (copied)
     * @return the matrix
     */
    public static Linear int4(int rows, int cols, int group, byte[] packed, float[] scale) {
        return new Int4(rows, cols, group, packed.clone(), scale.clone());
    }

    /**
     * The stored values of an int8 matrix (row-major) or the packed nibbles of an int4 one (two
     * per byte: column {@code 2j} in the low nibble, {@code 2j+1} in the high one, each {@code q + 8}).
     *
     * @return a copy
     * @throws IllegalStateException for an fp32 matrix
     */
    public byte[] quantizedValues() {
        throw new IllegalStateException(format() + " matrix has no packed values");
    }

    /**
     * The scales of a quantised matrix: one per row (int8) or per row and group (int4, row-major).
     *
     * @return a copy
     * @throws IllegalStateException for an fp32 matrix
     */
    public float[] scales() {
        throw new IllegalStateException(format() + " matrix has no scales");
    }

    /** @return the int4 group size, or 0 for other formats */
    public int group() {
        return 0;
    }

    /** @return output size */
    public int rows() {
        return rows;
    }

    /** @return input size */
    public int cols() {
        return cols;
    }

    /** @return "f32", "int8" or "int4g&lt;group&gt;" */
    public abstract String format();

    /** @return bytes the weights (and scales) occupy */
    public abstract long bytes();

    /** @return the (dequantised) weights, row-major {@code rows * cols} */
    public abstract float[] toFloats();

    /**
     * Computes {@code ys[i][r] = W[r] . xs[i]} for rows {@code r0 <= r < r1} and {@code i < n}.
     * Each weight row is read once for the whole batch.
     */
    abstract void multiplyRows(int r0, int r1, float[][] xs, int n, float[][] ys);

    /** fp32 weights. */
    static final class F32 extends Linear {
        final float[] w;

        F32(int rows, int cols, float[] w) {
            super(rows, cols);
            if (w.length != rows * cols) {
                throw new IllegalArgumentException("expected " + rows * cols + " weights, got " + w.length);
            }
            this.w = w;
        }

        @Override
        public String format() {
            return "f32";
        }

        @Override
        public long bytes() {
            return 4L * w.length;
        }

        @Override
        public float[] toFloats() {
            return w.clone();
        }

        @Override
        void multiplyRows(int r0, int r1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            int r = r0;
            if (n == 1) { // batch-1 decoding: four rows per pass over x
                float[] x = xs[0];
                float[] y = ys[0];
                for (; r + 4 <= r1; r += 4) {
                    k.dot4(w, r * cols, cols, x, cols, y, r);
                }
            }
            for (; r < r1; r++) {
                int off = r * cols;
                for (int i = 0; i < n; i++) {
                    ys[i][r] = k.dot(w, off, xs[i], 0, cols);
                }
            }
        }
    }

    /** int8 weights with one symmetric scale per output row: {@code W[r][c] = q[r][c] * scale[r]}. */
    static final class Int8 extends Linear {
        final byte[] q;
        final float[] scale;

        Int8(int rows, int cols, byte[] q, float[] scale) {
            super(rows, cols);
            if (q.length != rows * cols || scale.length != rows) {
                throw new IllegalArgumentException("int8 matrix " + rows + " x " + cols + " needs " + rows * cols
                        + " values and " + rows + " scales, got " + q.length + " and " + scale.length);
            }
            this.q = q;
            this.scale = scale;
        }

        @Override
        public String format() {
            return "int8";
        }

        @Override
        public byte[] quantizedValues() {
            return q.clone();
        }

        @Override
        public float[] scales() {
            return scale.clone();
        }

        @Override
        public long bytes() {
            return q.length + 4L * scale.length;
        }

        @Override
        public float[] toFloats() {
            float[] w = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    w[r * cols + c] = q[r * cols + c] * scale[r];
                }
            }
            return w;
        }

        @Override
        void multiplyRows(int r0, int r1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            for (int r = r0; r < r1; r++) {
                int off = r * cols;
                for (int i = 0; i < n; i++) {
                    ys[i][r] = scale[r] * k.dotI8(q, off, xs[i], 0, cols);
                }
            }
        }
    }

    /**
     * int4 weights, symmetric per group of {@code group} consecutive inputs of a row, packed two
     * per byte (column {@code 2j} in the low nibble, {@code 2j+1} in the high one, stored as
     * {@code q + 8} with {@code q} in [-8, 7]): {@code W[r][c] = q * scale[r][c / group]}.
     */
    static final class Int4 extends Linear {
        final byte[] packed;
        final float[] scale;
        final int group;

        Int4(int rows, int cols, int group, byte[] packed, float[] scale) {
            super(rows, cols);
            if (group <= 0 || group % 2 != 0 || cols % 2 != 0) {
                throw new IllegalArgumentException("int4 needs an even group (" + group + ") and an even number of "
                        + "columns (" + cols + ")");
            }
            if (packed.length != rows * cols / 2 || scale.length != rows * groups(cols, group)) {
                throw new IllegalArgumentException("int4 matrix " + rows + " x " + cols + " (group " + group
                        + ") needs " + rows * cols / 2 + " bytes and " + rows * groups(cols, group) + " scales, got "
                        + packed.length + " and " + scale.length);
            }
            this.packed = packed;
            this.scale = scale;
            this.group = group;
        }

        /** @return groups per row (the last one may be shorter) */
        static int groups(int cols, int group) {
            return (cols + group - 1) / group;
        }

        @Override
        public String format() {
            return "int4g" + group;
        }

        @Override
        public byte[] quantizedValues() {
            return packed.clone();
        }

        @Override
        public float[] scales() {
            return scale.clone();
        }

        @Override
        public int group() {
            return group;
        }

        @Override
        public long bytes() {
            return packed.length + 4L * scale.length;
        }

        @Override
        public float[] toFloats() {
            float[] w = new float[rows * cols];
            int groups = groups(cols, group);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    w[r * cols + c] = value(r, c) * scale[r * groups + c / group];
                }
            }
            return w;
        }

        int value(int r, int c) {
            int b = packed[(r * cols + c) >> 1] & 0xFF;
            return ((c & 1) == 0 ? (b & 0x0F) : (b >>> 4)) - 8;
        }

        @Override
        void multiplyRows(int r0, int r1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            int groups = groups(cols, group);
            float[] buf = new float[group];
            for (int r = r0; r < r1; r++) {
                for (int i = 0; i < n; i++) {
                    ys[i][r] = 0;
                }
                int base = (r * cols) >> 1;
                for (int g = 0; g < groups; g++) {
                    int off = base + g * group / 2;
                    int len = Math.min(group, cols - g * group);
                    for (int j = 0; j < len / 2; j++) {
                        int b = packed[off + j];
                        buf[2 * j] = (b & 0x0F) - 8;
                        buf[2 * j + 1] = ((b >> 4) & 0x0F) - 8;
                    }
                    float s = scale[r * groups + g];
                    int xo = g * group;
                    for (int i = 0; i < n; i++) {
                        ys[i][r] += s * k.dot(buf, 0, xs[i], xo, len);
                    }
                }
            }
        }
    }
}
