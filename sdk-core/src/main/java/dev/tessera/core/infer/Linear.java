package dev.tessera.core.infer;

/**
 * A weight matrix {@code (rows = out, cols = in)} that multiplies activation vectors: fp32,
 * int8 per output row or int4 group-wise. Immutable, and safe to share between threads.
 *
 * <p>In memory the weights are stored in <em>panels</em> of {@link #PANEL} output rows, each panel
 * column-major ({@code (c, j)} at {@code c * PANEL + j}, the last panel zero-padded), so the kernels
 * stream a panel once and keep {@code PANEL} output sums in vector registers for every input
 * (no horizontal reductions); a batch of vectors re-reads a panel from cache, not memory. Files keep
 * the row-major PyTorch layout ({@link #toFloats()}, {@link #quantizedValues()}).
 */
public abstract class Linear {
    /** Output rows per panel: eight vector registers' worth of floats. */
    static final int PANEL = Kernels.get().panelRows();

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
     * Computes {@code ys[i] = W xs[i]} for {@code i < n}, over the engine's threads when the product is large
     * (see {@link JvmEngineThreads}). The result does not depend on the number of threads.
     *
     * @param xs at least {@code n} inputs of {@link #cols()} values
     * @param n how many
     * @param ys at least {@code n} outputs of at least {@link #rows()} values, written
     * @throws IllegalArgumentException if the arrays are too short
     */
    public void multiply(float[][] xs, int n, float[][] ys) {
        if (n < 0 || xs.length < n || ys.length < n) {
            throw new IllegalArgumentException("multiply: " + n + " vectors, " + xs.length + " inputs and "
                    + ys.length + " outputs given");
        }
        for (int i = 0; i < n; i++) {
            if (xs[i].length < cols || ys[i].length < rows) {
                throw new IllegalArgumentException("multiply: vector " + i + " has " + xs[i].length + " inputs and "
                        + ys[i].length + " outputs; the matrix is " + rows + " x " + cols);
            }
        }
        ParallelMatVec.multiply(this, xs, n, ys);
    }

    /** @return the number of panels */
    final int panels() {
        return (rows + PANEL - 1) / PANEL;
    }

    /**
     * Computes {@code ys[i][r] = W[r] . xs[i]} for the rows of panels {@code p0 <= p < p1} and
     * {@code i < n}. Each panel is read from memory once for the whole batch.
     */
    abstract void multiplyPanels(int p0, int p1, float[][] xs, int n, float[][] ys);

    /** Rearranges row-major {@code rows x cols} values into zero-padded panels. */
    static float[] toPanels(float[] w, int rows, int cols) {
        float[] out = new float[Math.multiplyExact(panelsOf(rows) * PANEL, cols)];
        for (int r = 0; r < rows; r++) {
            int base = (r / PANEL) * PANEL * cols + r % PANEL;
            for (int c = 0; c < cols; c++) {
                out[base + c * PANEL] = w[r * cols + c];
            }
        }
        return out;
    }

    static int panelsOf(int rows) {
        return (rows + PANEL - 1) / PANEL;
    }

    /** Valid rows of panel {@code p}. */
    final int valid(int p) {
        return Math.min(PANEL, rows - p * PANEL);
    }

    /** fp32 weights. */
    static final class F32 extends Linear {
        /** Panels, see the class comment. */
        final float[] w;

        F32(int rows, int cols, float[] rowMajor) {
            super(rows, cols);
            if (rowMajor.length != (long) rows * cols) {
                throw new IllegalArgumentException("expected " + (long) rows * cols + " weights, got " + rowMajor.length);
            }
            this.w = toPanels(rowMajor, rows, cols);
        }

        @Override
        public String format() {
            return "f32";
        }

        @Override
        public long bytes() {
            return 4L * rows * cols;
        }

        @Override
        public float[] toFloats() {
            float[] out = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                int base = (r / PANEL) * PANEL * cols + r % PANEL;
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] = w[base + c * PANEL];
                }
            }
            return out;
        }

        @Override
        void multiplyPanels(int p0, int p1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            for (int p = p0; p < p1; p++) {
                k.panelF32(w, p * PANEL * cols, cols, xs, n, ys, p * PANEL, valid(p));
            }
        }
    }

    /** int8 weights with one symmetric scale per output row: {@code W[r][c] = q[r][c] * scale[r]}. */
    static final class Int8 extends Linear {
        /** Panels of the values, see the class comment. */
        final byte[] q;
        /** One scale per row (row order). */
        final float[] scale;
        /** The scales padded to whole panels. */
        final float[] paddedScale;

        Int8(int rows, int cols, byte[] rowMajor, float[] scale) {
            super(rows, cols);
            if (rowMajor.length != (long) rows * cols || scale.length != rows) {
                throw new IllegalArgumentException("int8 matrix " + rows + " x " + cols + " needs " + (long) rows * cols
                        + " values and " + rows + " scales, got " + rowMajor.length + " and " + scale.length);
            }
            this.q = new byte[Math.multiplyExact(panelsOf(rows) * PANEL, cols)];
            for (int r = 0; r < rows; r++) {
                int base = (r / PANEL) * PANEL * cols + r % PANEL;
                for (int c = 0; c < cols; c++) {
                    q[base + c * PANEL] = rowMajor[r * cols + c];
                }
            }
            this.scale = scale;
            this.paddedScale = java.util.Arrays.copyOf(scale, panelsOf(rows) * PANEL);
        }

        @Override
        public String format() {
            return "int8";
        }

        @Override
        public byte[] quantizedValues() {
            byte[] out = new byte[rows * cols];
            for (int r = 0; r < rows; r++) {
                int base = (r / PANEL) * PANEL * cols + r % PANEL;
                for (int c = 0; c < cols; c++) {
                    out[r * cols + c] = q[base + c * PANEL];
                }
            }
            return out;
        }

        @Override
        public float[] scales() {
            return scale.clone();
        }

        @Override
        public long bytes() {
            return (long) rows * cols + 4L * scale.length;
        }

        @Override
        public float[] toFloats() {
            byte[] v = quantizedValues();
            float[] w = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    w[r * cols + c] = v[r * cols + c] * scale[r];
                }
            }
            return w;
        }

        @Override
        void multiplyPanels(int p0, int p1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            for (int p = p0; p < p1; p++) {
                k.panelI8(q, p * PANEL * cols, cols, paddedScale, xs, n, ys, p * PANEL, valid(p));
            }
        }
    }

    /**
     * int4 weights, symmetric per group of {@code group} consecutive inputs of a row:
     * {@code W[r][c] = q * scale[r][c / group]} with {@code q} in [-8, 7]. Row-major (files): two
     * per byte, column {@code 2j} in the low nibble and {@code 2j+1} in the high one, each stored as
     * {@code q + 8}. In panels: for each input {@code c}, {@code PANEL / 2} bytes, byte {@code j}
     * holding panel row {@code j} in its low nibble and row {@code j + PANEL / 2} in its high one,
     * each as a signed 4-bit {@code q} (so a masked or shifted byte reads as {@code 16 q}); the
     * scales of a panel, divided by 16, are stored group-major ({@code (g, j)} at {@code g * PANEL + j}).
     */
    static final class Int4 extends Linear {
        /** Panels of nibbles. */
        final byte[] packed;
        /** Scales in row order, {@code rows x groups}. */
        final float[] scale;
        /** Scales in panels, {@code panels x groups x PANEL}. */
        final float[] panelScale;
        final int group;

        Int4(int rows, int cols, int group, byte[] rowMajor, float[] scale) {
            super(rows, cols);
            if (group <= 0 || group % 2 != 0 || cols % 2 != 0) {
                throw new IllegalArgumentException("int4 needs an even group (" + group + ") and an even number of "
                        + "columns (" + cols + ")");
            }
            int groups = groups(cols, group);
            if (rowMajor.length != (long) rows * cols / 2 || scale.length != (long) rows * groups) {
                throw new IllegalArgumentException("int4 matrix " + rows + " x " + cols + " (group " + group
                        + ") needs " + (long) rows * cols / 2 + " bytes and " + (long) rows * groups + " scales, got "
                        + rowMajor.length + " and " + scale.length);
            }
            int half = PANEL / 2;
            this.packed = new byte[Math.multiplyExact(panelsOf(rows) * half, cols)];
            this.panelScale = new float[Math.multiplyExact(panelsOf(rows) * PANEL, groups)];
            for (int r = 0; r < rows; r++) {
                int p = r / PANEL;
                int j = r % PANEL;
                int base = p * half * cols + j % half;
                int shift = j < half ? 0 : 4;
                for (int c = 0; c < cols; c++) {
                    int b = rowMajor[(r * cols + c) >> 1] & 0xFF;
                    int q = ((c & 1) == 0 ? (b & 0x0F) : (b >>> 4)) - 8;
                    packed[base + c * half] |= (byte) ((q & 0x0F) << shift);
                }
                for (int g = 0; g < groups; g++) {
                    panelScale[(p * groups + g) * PANEL + j] = scale[r * groups + g] / 16;
                }
            }
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
            byte[] out = new byte[rows * cols / 2];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    out[(r * cols + c) >> 1] |= (byte) ((value(r, c) + 8) << ((c & 1) * 4));
                }
            }
            return out;
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
            return (long) rows * cols / 2 + 4L * scale.length;
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

        /** @return q in [-8, 7] of row {@code r}, column {@code c} */
        int value(int r, int c) {
            int half = PANEL / 2;
            int j = r % PANEL;
            int b = packed[(r / PANEL) * half * cols + c * half + j % half];
            return j < half ? (byte) (b << 4) >> 4 : (byte) b >> 4;
        }

        @Override
        void multiplyPanels(int p0, int p1, float[][] xs, int n, float[][] ys) {
            Kernels k = Kernels.get();
            int groups = groups(cols, group);
            for (int p = p0; p < p1; p++) {
                k.panelI4(packed, p * (PANEL / 2) * cols, cols, group, panelScale, p * groups * PANEL, xs, n, ys,
                        p * PANEL, valid(p));
            }
        }
    }
}
