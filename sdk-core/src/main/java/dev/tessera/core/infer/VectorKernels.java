package dev.tessera.core.infer;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the Java Vector API (the preferred float species, fused multiply-add). A weight panel
 * is {@code 8 L} rows ({@code L} floats per vector): eight accumulators per input vector, one
 * broadcast input per column, no horizontal sums.
 */
final class VectorKernels extends Kernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** 512-bit vectors: AVX-512, whose 32 registers hold {@link #f32Wide}'s blocks (AVX2's 16 would spill). */
    private static final boolean WIDE = F.vectorBitSize() >= 512;
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(Math.max(64, F.vectorBitSize() / 4)));
    /** Int lanes as many as {@link #F}'s: where the int4 kernel takes its nibbles apart. */
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    @Override
    String name() {
        return "vector";
    }

    @Override
    float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        float s = 0;
        if (n >= 2 * L) {
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            for (; i + 2 * L <= n; i += 2 * L) {
                acc0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), acc0);
                acc1 = FloatVector.fromArray(F, a, ao + i + L).fma(FloatVector.fromArray(F, b, bo + i + L), acc1);
            }
            s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        }
        for (; i + L <= n; i += L) {
            s += FloatVector.fromArray(F, a, ao + i).mul(FloatVector.fromArray(F, b, bo + i))
                    .reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    void weightedSum(float[] w, int from, int to, float[] v, int vo, int stride, float[] out, int oo,
            int hd) {
        int k = 0;
        for (; k + 4 * L <= hd; k += 4 * L) {
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int p = from, o = vo + from * stride + k; p < to; p++, o += stride) {
                FloatVector c = FloatVector.broadcast(F, w[p]);
                a0 = FloatVector.fromArray(F, v, o).fma(c, a0);
                a1 = FloatVector.fromArray(F, v, o + L).fma(c, a1);
                a2 = FloatVector.fromArray(F, v, o + 2 * L).fma(c, a2);
                a3 = FloatVector.fromArray(F, v, o + 3 * L).fma(c, a3);
            }
            a0.intoArray(out, oo + k);
            a1.intoArray(out, oo + k + L);
            a2.intoArray(out, oo + k + 2 * L);
            a3.intoArray(out, oo + k + 3 * L);
        }
        for (; k + 2 * L <= hd; k += 2 * L) { // two chains at once (a head of 32 on AVX-512): half the latency
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            for (int p = from, o = vo + from * stride + k; p < to; p++, o += stride) {
                FloatVector c = FloatVector.broadcast(F, w[p]);
                a0 = FloatVector.fromArray(F, v, o).fma(c, a0);
                a1 = FloatVector.fromArray(F, v, o + L).fma(c, a1);
            }
            a0.intoArray(out, oo + k);
            a1.intoArray(out, oo + k + L);
        }
        for (; k + L <= hd; k += L) {
            FloatVector a0 = FloatVector.zero(F);
            for (int p = from, o = vo + from * stride + k; p < to; p++, o += stride) {
                a0 = FloatVector.fromArray(F, v, o).fma(FloatVector.broadcast(F, w[p]), a0);
            }
            a0.intoArray(out, oo + k);
        }
        for (; k < hd; k++) {
            float acc = 0;
            for (int p = from; p < to; p++) {
                acc = Math.fma(w[p], v[vo + p * stride + k], acc);
            }
            out[oo + k] = acc;
        }
    }

    @Override
    float scores(float[] q, int qo, float[] kt, int ko, int stride, int hd, int from, int to, float scale,
            float[] out) {
        FloatVector vmax = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int p = from;
        for (; p + 4 * L <= to; p += 4 * L) { // four independent chains hide the multiply-add latency
            FloatVector a = FloatVector.zero(F);
            FloatVector b = a;
            FloatVector c = a;
            FloatVector e = a;
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                FloatVector qd = FloatVector.broadcast(F, q[qo + d]);
                a = FloatVector.fromArray(F, kt, o).fma(qd, a);
                b = FloatVector.fromArray(F, kt, o + L).fma(qd, b);
                c = FloatVector.fromArray(F, kt, o + 2 * L).fma(qd, c);
                e = FloatVector.fromArray(F, kt, o + 3 * L).fma(qd, e);
            }
            a = a.mul(scale);
            b = b.mul(scale);
            c = c.mul(scale);
            e = e.mul(scale);
            a.intoArray(out, p);
            b.intoArray(out, p + L);
            c.intoArray(out, p + 2 * L);
            e.intoArray(out, p + 3 * L);
            vmax = vmax.max(a).max(b).max(c).max(e);
        }
        for (; p + 2 * L <= to; p += 2 * L) {
            FloatVector a = FloatVector.zero(F);
            FloatVector b = a;
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                FloatVector qd = FloatVector.broadcast(F, q[qo + d]);
                a = FloatVector.fromArray(F, kt, o).fma(qd, a);
                b = FloatVector.fromArray(F, kt, o + L).fma(qd, b);
            }
            a = a.mul(scale);
            b = b.mul(scale);
            a.intoArray(out, p);
            b.intoArray(out, p + L);
            vmax = vmax.max(a).max(b);
        }
        for (; p + L <= to; p += L) {
            FloatVector a = FloatVector.zero(F);
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                a = FloatVector.fromArray(F, kt, o).fma(FloatVector.broadcast(F, q[qo + d]), a);
            }
            a = a.mul(scale);
            a.intoArray(out, p);
            vmax = vmax.max(a);
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        if (p < to && p + L <= out.length && ko + (hd - 1) * stride + p + L <= kt.length) {
            // the last positions as one whole vector: the lanes past 'to' read other cache slots and are
            // overwritten scratch; every lane is computed alone, so the valid ones have the scalar's bits
            FloatVector a = FloatVector.zero(F);
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                a = FloatVector.fromArray(F, kt, o).fma(FloatVector.broadcast(F, q[qo + d]), a);
            }
            a.mul(scale).intoArray(out, p);
            for (; p < to; p++) {
                max = Math.max(max, out[p]);
            }
        }
        for (; p < to; p++) {
            out[p] = score(q, qo, kt, ko, stride, hd, p, scale);
            max = Math.max(max, out[p]);
        }
        return max;
    }

    @Override
    void scoresBlock(float[][] qs, int q0, int m, int qo, float[] kt, int ko, int stride, int hd, int from, int to,
            float scale, float[][] out) {
        int p;
        if (m == 8 && WIDE) {
            p = scores8(qs, q0, qo, kt, ko, stride, hd, from, to, scale, out);
        } else if (m == 4) {
            p = scores4(qs, q0, qo, kt, ko, stride, hd, from, to, scale, out);
        } else {
            p = from;
        }
        // the rest one query at a time (the same sums)
        if (p < to) {
            for (int j = 0; j < m; j++) {
                scores(qs[q0 + j], qo, kt, ko, stride, hd, p, to, scale, out[j]);
            }
        }
    }

    /** Four queries' scores for whole blocks of {@code 2 L} positions from {@code from}; returns where they stop. */
    private static int scores4(float[][] qs, int q0, int qo, float[] kt, int ko, int stride, int hd, int from, int to,
            float scale, float[][] out) {
        float[] x0 = qs[q0];
        float[] x1 = qs[q0 + 1];
        float[] x2 = qs[q0 + 2];
        float[] x3 = qs[q0 + 3];
        float[] o0 = out[0];
        float[] o1 = out[1];
        float[] o2 = out[2];
        float[] o3 = out[3];
        int p = from;
        for (; p + 2 * L <= to; p += 2 * L) { // 2 L positions x 4 queries: each key load used 4 times
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                FloatVector k0 = FloatVector.fromArray(F, kt, o);
                FloatVector k1 = FloatVector.fromArray(F, kt, o + L);
                FloatVector v = FloatVector.broadcast(F, x0[qo + d]);
                a0 = k0.fma(v, a0);
                a1 = k1.fma(v, a1);
                v = FloatVector.broadcast(F, x1[qo + d]);
                b0 = k0.fma(v, b0);
                b1 = k1.fma(v, b1);
                v = FloatVector.broadcast(F, x2[qo + d]);
                c0 = k0.fma(v, c0);
                c1 = k1.fma(v, c1);
                v = FloatVector.broadcast(F, x3[qo + d]);
                d0 = k0.fma(v, d0);
                d1 = k1.fma(v, d1);
            }
            a0.mul(scale).intoArray(o0, p);
            a1.mul(scale).intoArray(o0, p + L);
            b0.mul(scale).intoArray(o1, p);
            b1.mul(scale).intoArray(o1, p + L);
            c0.mul(scale).intoArray(o2, p);
            c1.mul(scale).intoArray(o2, p + L);
            d0.mul(scale).intoArray(o3, p);
            d1.mul(scale).intoArray(o3, p + L);
        }
        return p;
    }

    /** Eight queries' scores (32 registers: sixteen accumulators), as {@link #scores4}. */
    private static int scores8(float[][] qs, int q0, int qo, float[] kt, int ko, int stride, int hd, int from, int to,
            float scale, float[][] out) {
        float[] x0 = qs[q0];
        float[] x1 = qs[q0 + 1];
        float[] x2 = qs[q0 + 2];
        float[] x3 = qs[q0 + 3];
        float[] x4 = qs[q0 + 4];
        float[] x5 = qs[q0 + 5];
        float[] x6 = qs[q0 + 6];
        float[] x7 = qs[q0 + 7];
        float[] o0 = out[0];
        float[] o1 = out[1];
        float[] o2 = out[2];
        float[] o3 = out[3];
        float[] o4 = out[4];
        float[] o5 = out[5];
        float[] o6 = out[6];
        float[] o7 = out[7];
        int p = from;
        for (; p + 2 * L <= to; p += 2 * L) { // 2 L positions x 8 queries: each key load used 8 times
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            FloatVector e0 = a0;
            FloatVector e1 = a0;
            FloatVector f0 = a0;
            FloatVector f1 = a0;
            FloatVector g0 = a0;
            FloatVector g1 = a0;
            FloatVector h0 = a0;
            FloatVector h1 = a0;
            for (int d = 0, o = ko + p; d < hd; d++, o += stride) {
                FloatVector k0 = FloatVector.fromArray(F, kt, o);
                FloatVector k1 = FloatVector.fromArray(F, kt, o + L);
                FloatVector v = FloatVector.broadcast(F, x0[qo + d]);
                a0 = k0.fma(v, a0);
                a1 = k1.fma(v, a1);
                v = FloatVector.broadcast(F, x1[qo + d]);
                b0 = k0.fma(v, b0);
                b1 = k1.fma(v, b1);
                v = FloatVector.broadcast(F, x2[qo + d]);
                c0 = k0.fma(v, c0);
                c1 = k1.fma(v, c1);
                v = FloatVector.broadcast(F, x3[qo + d]);
                d0 = k0.fma(v, d0);
                d1 = k1.fma(v, d1);
                v = FloatVector.broadcast(F, x4[qo + d]);
                e0 = k0.fma(v, e0);
                e1 = k1.fma(v, e1);
                v = FloatVector.broadcast(F, x5[qo + d]);
                f0 = k0.fma(v, f0);
                f1 = k1.fma(v, f1);
                v = FloatVector.broadcast(F, x6[qo + d]);
                g0 = k0.fma(v, g0);
                g1 = k1.fma(v, g1);
                v = FloatVector.broadcast(F, x7[qo + d]);
                h0 = k0.fma(v, h0);
                h1 = k1.fma(v, h1);
            }
            a0.mul(scale).intoArray(o0, p);
            a1.mul(scale).intoArray(o0, p + L);
            b0.mul(scale).intoArray(o1, p);
            b1.mul(scale).intoArray(o1, p + L);
            c0.mul(scale).intoArray(o2, p);
            c1.mul(scale).intoArray(o2, p + L);
            d0.mul(scale).intoArray(o3, p);
            d1.mul(scale).intoArray(o3, p + L);
            e0.mul(scale).intoArray(o4, p);
            e1.mul(scale).intoArray(o4, p + L);
            f0.mul(scale).intoArray(o5, p);
            f1.mul(scale).intoArray(o5, p + L);
            g0.mul(scale).intoArray(o6, p);
            g1.mul(scale).intoArray(o6, p + L);
            h0.mul(scale).intoArray(o7, p);
            h1.mul(scale).intoArray(o7, p + L);
        }
        return p;
    }

    @Override
    float max(float[] a, int from, int to) {
        if (to - from < L) {
            return super.max(a, from, to);
        }
        FloatVector m = FloatVector.fromArray(F, a, from);
        int i = from + L;
        for (; i + L <= to; i += L) {
            m = m.max(FloatVector.fromArray(F, a, i));
        }
        float r = m.reduceLanes(VectorOperators.MAX); // exact in any order
        for (; i < to; i++) {
            r = Math.max(r, a[i]);
        }
        return r;
    }

    @Override
    int attentionBlock() {
        return WIDE ? 8 : 4;
    }

    @Override
    void scale(float[] a, int from, int to, float f) {
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector.fromArray(F, a, i).mul(f).intoArray(a, i);
        }
        for (; i < to; i++) {
            a[i] *= f;
        }
    }

    @Override
    void weightedSumBlock(float[][] w, int m, int from, int to0, float[] v, int vo, int stride, float[][] out, int q0,
            int oo, int hd) {
        if (hd % (2 * L) != 0 || !(m == 4 || m == 8 && WIDE)) {
            super.weightedSumBlock(w, m, from, to0, v, vo, stride, out, q0, oo, hd);
            return;
        }
        if (m == 8) {
            weightedSum8(w, from, to0, v, vo, stride, out, q0, oo, hd);
        } else {
            weightedSum4(w, from, to0, v, vo, stride, out, q0, oo, hd);
        }
    }

    /** {@link #weightedSumBlock} for four queries: eight chains, each value load used four times. */
    private static void weightedSum4(float[][] w, int from, int to0, float[] v, int vo, int stride, float[][] out,
            int q0, int oo, int hd) {
        float[] w0 = w[0];
        float[] w1 = w[1];
        float[] w2 = w[2];
        float[] w3 = w[3];
        float[] o0 = out[q0];
        float[] o1 = out[q0 + 1];
        float[] o2 = out[q0 + 2];
        float[] o3 = out[q0 + 3];
        for (int k = 0; k < hd; k += 2 * L) { // 2 L dimensions x 4 queries: 8 chains over the positions
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            for (int p = from, o = vo + from * stride + k; p < to0; p++, o += stride) {
                FloatVector v0 = FloatVector.fromArray(F, v, o);
                FloatVector v1 = FloatVector.fromArray(F, v, o + L);
                FloatVector c = FloatVector.broadcast(F, w0[p]);
                a0 = v0.fma(c, a0);
                a1 = v1.fma(c, a1);
                c = FloatVector.broadcast(F, w1[p]);
                b0 = v0.fma(c, b0);
                b1 = v1.fma(c, b1);
                c = FloatVector.broadcast(F, w2[p]);
                c0 = v0.fma(c, c0);
                c1 = v1.fma(c, c1);
                c = FloatVector.broadcast(F, w3[p]);
                d0 = v0.fma(c, d0);
                d1 = v1.fma(c, d1);
            }
            a0.intoArray(o0, oo + k);
            a1.intoArray(o0, oo + k + L);
            b0.intoArray(o1, oo + k);
            b1.intoArray(o1, oo + k + L);
            c0.intoArray(o2, oo + k);
            c1.intoArray(o2, oo + k + L);
            d0.intoArray(o3, oo + k);
            d1.intoArray(o3, oo + k + L);
        }
        // the later queries' last positions, continuing the same chains
        for (int j = 1; j < 4; j++) {
            continueSums(w[j], to0, to0 + j, v, vo, stride, out[q0 + j], oo, hd);
        }
    }

    /** {@link #weightedSumBlock} for eight queries (32 registers): sixteen chains, each value load used eight times. */
    private static void weightedSum8(float[][] w, int from, int to0, float[] v, int vo, int stride, float[][] out,
            int q0, int oo, int hd) {
        float[] w0 = w[0];
        float[] w1 = w[1];
        float[] w2 = w[2];
        float[] w3 = w[3];
        float[] w4 = w[4];
        float[] w5 = w[5];
        float[] w6 = w[6];
        float[] w7 = w[7];
        float[] o0 = out[q0];
        float[] o1 = out[q0 + 1];
        float[] o2 = out[q0 + 2];
        float[] o3 = out[q0 + 3];
        float[] o4 = out[q0 + 4];
        float[] o5 = out[q0 + 5];
        float[] o6 = out[q0 + 6];
        float[] o7 = out[q0 + 7];
        for (int k = 0; k < hd; k += 2 * L) { // 2 L dimensions x 8 queries: 16 chains over the positions
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector c0 = a0;
            FloatVector c1 = a0;
            FloatVector d0 = a0;
            FloatVector d1 = a0;
            FloatVector e0 = a0;
            FloatVector e1 = a0;
            FloatVector f0 = a0;
            FloatVector f1 = a0;
            FloatVector g0 = a0;
            FloatVector g1 = a0;
            FloatVector h0 = a0;
            FloatVector h1 = a0;
            for (int p = from, o = vo + from * stride + k; p < to0; p++, o += stride) {
                FloatVector v0 = FloatVector.fromArray(F, v, o);
                FloatVector v1 = FloatVector.fromArray(F, v, o + L);
                FloatVector c = FloatVector.broadcast(F, w0[p]);
                a0 = v0.fma(c, a0);
                a1 = v1.fma(c, a1);
                c = FloatVector.broadcast(F, w1[p]);
                b0 = v0.fma(c, b0);
                b1 = v1.fma(c, b1);
                c = FloatVector.broadcast(F, w2[p]);
                c0 = v0.fma(c, c0);
                c1 = v1.fma(c, c1);
                c = FloatVector.broadcast(F, w3[p]);
                d0 = v0.fma(c, d0);
                d1 = v1.fma(c, d1);
                c = FloatVector.broadcast(F, w4[p]);
                e0 = v0.fma(c, e0);
                e1 = v1.fma(c, e1);
                c = FloatVector.broadcast(F, w5[p]);
                f0 = v0.fma(c, f0);
                f1 = v1.fma(c, f1);
                c = FloatVector.broadcast(F, w6[p]);
                g0 = v0.fma(c, g0);
                g1 = v1.fma(c, g1);
                c = FloatVector.broadcast(F, w7[p]);
                h0 = v0.fma(c, h0);
                h1 = v1.fma(c, h1);
            }
            a0.intoArray(o0, oo + k);
            a1.intoArray(o0, oo + k + L);
            b0.intoArray(o1, oo + k);
            b1.intoArray(o1, oo + k + L);
            c0.intoArray(o2, oo + k);
            c1.intoArray(o2, oo + k + L);
            d0.intoArray(o3, oo + k);
            d1.intoArray(o3, oo + k + L);
            e0.intoArray(o4, oo + k);
            e1.intoArray(o4, oo + k + L);
            f0.intoArray(o5, oo + k);
            f1.intoArray(o5, oo + k + L);
            g0.intoArray(o6, oo + k);
            g1.intoArray(o6, oo + k + L);
            h0.intoArray(o7, oo + k);
            h1.intoArray(o7, oo + k + L);
        }
        // the later queries' last positions, continuing the same chains
        for (int j = 1; j < 8; j++) {
            continueSums(w[j], to0, to0 + j, v, vo, stride, out[q0 + j], oo, hd);
        }
    }

    /**
     * {@link Kernels#weightedSumOn} lane-wise (the same chain per output, so the same bits), for a head
     * size that is a whole number of vectors.
     */
    private static void continueSums(float[] w, int from, int to, float[] v, int vo, int stride, float[] out,
            int oo, int hd) {
        if (hd % L != 0) {
            weightedSumOn(w, from, to, v, vo, stride, out, oo, hd);
            return;
        }
        for (int k = 0; k < hd; k += L) {
            FloatVector a = FloatVector.fromArray(F, out, oo + k);
            for (int p = from, o = vo + from * stride + k; p < to; p++, o += stride) {
                a = FloatVector.fromArray(F, v, o).fma(FloatVector.broadcast(F, w[p]), a);
            }
            a.intoArray(out, oo + k);
        }
    }

    @Override
    float expShifted(float[] a, int from, int to, float max) {
        int i = from;
        for (; i + L <= to; i += L) {
            expLanes(a, i, max);
        }
        // summed after, so that no vector is live across the calls above (C2 would box it)
        FloatVector acc = FloatVector.zero(F);
        for (int j = from; j < i; j += L) {
            acc = acc.add(FloatVector.fromArray(F, a, j));
        }
        // lanes added in order, not by reduceLanes (whose order the intrinsic and the fallback may choose apart)
        float sum = 0;
        for (int l = 0; l < L; l++) {
            sum += acc.lane(l);
        }
        return expShiftedScalar(a, i, to, max, sum);
    }

    /**
     * {@code a[i .. i + L) = exp(a - shift)}: {@link Kernels#exp} lane-wise, operation for operation,
     * so every lane has the scalar's bits. It takes and returns no vector: C2 boxes vectors passed
     * to a method it does not inline, which cost more than the arithmetic (session 13).
     */
    private static void expLanes(float[] a, int i, float shift) {
        FloatVector v = FloatVector.fromArray(F, a, i).sub(shift).max(EXP_LO).min(EXP_HI);
        FloatVector t = v.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUNDER));
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), v);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, P5).fma(r, FloatVector.broadcast(F, P4));
        p = p.fma(r, FloatVector.broadcast(F, P3));
        p = p.fma(r, FloatVector.broadcast(F, P2));
        p = p.fma(r, FloatVector.broadcast(F, P1));
        p = p.fma(r, FloatVector.broadcast(F, P0));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        FloatVector twoToN = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        y.mul(twoToN).intoArray(a, i);
    }

    @Override
    void gelu(float[] u, float[] bias, float[] out, int n) {
        // three passes over the row, so that no vector is live across a call (C2 would box it): the
        // exponents, their exp, then the products; every lane computes Activations#gelu's operations
        float[] c = Activations.ERFC_P;
        int end = n - n % L;
        for (int k = 0; k < end; k += L) {
            FloatVector z = FloatVector.fromArray(F, u, k).add(FloatVector.fromArray(F, bias, k)).abs()
                    .mul(Activations.INV_SQRT2_F);
            FloatVector t = FloatVector.broadcast(F, 1f).div(z.fma(0.5f, 1f));
            FloatVector p = t.fma(c[0], c[1]);
            p = p.fma(t, FloatVector.broadcast(F, c[2]));
            p = p.fma(t, FloatVector.broadcast(F, c[3]));
            p = p.fma(t, FloatVector.broadcast(F, c[4]));
            p = p.fma(t, FloatVector.broadcast(F, c[5]));
            p = p.fma(t, FloatVector.broadcast(F, c[6]));
            p = p.fma(t, FloatVector.broadcast(F, c[7]));
            p = p.fma(t, FloatVector.broadcast(F, c[8]));
            p = p.fma(t, FloatVector.broadcast(F, c[9]));
            z.neg().fma(z, p).intoArray(out, k);
        }
        for (int k = 0; k < end; k += L) {
            expLanes(out, k, 0f);
        }
        for (int k = 0; k < end; k += L) {
            FloatVector x = FloatVector.fromArray(F, u, k).add(FloatVector.fromArray(F, bias, k));
            FloatVector t = FloatVector.broadcast(F, 1f).div(x.abs().mul(Activations.INV_SQRT2_F).fma(0.5f, 1f));
            FloatVector r = t.mul(FloatVector.fromArray(F, out, k));
            FloatVector phi2 = r.blend(r.neg().add(2f), x.compare(VectorOperators.GT, 0f));
            x.mul(0.5f).mul(phi2).intoArray(out, k);
        }
        geluScalar(u, bias, out, end, n);
    }

    @Override
    void siluGate(float[] u, int ff, float[] out) {
        // three passes, so that no vector is live across a call (C2 would box it): -x, its exp, then the quotient
        // and the gate; every lane computes Activations#silu's operations
        int end = ff - ff % L;
        for (int k = 0; k < end; k += L) {
            FloatVector.fromArray(F, u, k).neg().intoArray(out, k);
        }
        for (int k = 0; k < end; k += L) {
            expLanes(out, k, 0f);
        }
        for (int k = 0; k < end; k += L) {
            FloatVector x = FloatVector.fromArray(F, u, k);
            x.div(FloatVector.fromArray(F, out, k).add(1f)).mul(FloatVector.fromArray(F, u, ff + k)).intoArray(out, k);
        }
        siluGateScalar(u, ff, out, end);
    }

    @Override
    int panelRows() {
        return 8 * L;
    }

    @Override
    void panelF32(float[] w, int off, int cols, float[][] xs, int n, float[][] ys, int r0, int valid) {
        // blocks of four vectors times a half panel (32 registers) or a quarter one (16), one part of the
        // panel at a time for every block, so that its weights stay in cache while the vectors stream past
        float[][] scratch = scratch(valid);
        int quads = n - n % 4;
        if (WIDE) {
            for (int h = 0; h < 2; h++) {
                for (int i = 0; i < quads; i += 4) {
                    f32Wide(w, off + h * 4 * L, cols, xs, i, ys, r0 + h * 4 * L, valid - h * 4 * L, scratch);
                }
            }
        } else {
            for (int q = 0; q < 4; q++) {
                for (int i = 0; i < quads; i += 4) {
                    f32Quad(w, off + q * 2 * L, cols, xs, i, ys, r0 + q * 2 * L, valid - q * 2 * L, scratch);
                }
            }
        }
        int i = quads;
        for (; i + 1 < n; i += 2) {
            for (int h = 0; h < 2; h++) {
                f32Pair(w, off + h * 4 * L, cols, xs[i], xs[i + 1], ys[i], ys[i + 1], r0 + h * 4 * L,
                        valid - h * 4 * L, scratch);
            }
        }
        if (i < n) {
            f32One(w, off, cols, xs[i], ys[i], r0, valid, scratch);
        }
    }

    private static void f32One(float[] w, int off, int cols, float[] x, float[] y, int r0, int valid,
            float[][] scratch) {
        float[] t = target(y, valid, 8 * L, scratch, 0);
        int at = t == y ? r0 : 0;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        for (int c = 0, o = off; c < cols; c++, o += 8 * L) {
            FloatVector xv = FloatVector.broadcast(F, x[c]);
            a0 = FloatVector.fromArray(F, w, o).fma(xv, a0);
            a1 = FloatVector.fromArray(F, w, o + L).fma(xv, a1);
            a2 = FloatVector.fromArray(F, w, o + 2 * L).fma(xv, a2);
            a3 = FloatVector.fromArray(F, w, o + 3 * L).fma(xv, a3);
            a4 = FloatVector.fromArray(F, w, o + 4 * L).fma(xv, a4);
            a5 = FloatVector.fromArray(F, w, o + 5 * L).fma(xv, a5);
            a6 = FloatVector.fromArray(F, w, o + 6 * L).fma(xv, a6);
            a7 = FloatVector.fromArray(F, w, o + 7 * L).fma(xv, a7);
        }
        a0.intoArray(t, at);
        a1.intoArray(t, at + L);
        a2.intoArray(t, at + 2 * L);
        a3.intoArray(t, at + 3 * L);
        a4.intoArray(t, at + 4 * L);
        a5.intoArray(t, at + 5 * L);
        a6.intoArray(t, at + 6 * L);
        a7.intoArray(t, at + 7 * L);
        finish(t, y, r0, valid);
    }

    /**
     * Four vectors times a quarter panel ({@code 2 L} rows starting at {@code w[off]}, column stride
     * {@code 8 L}): eight accumulators, each weight load used four times, so that accumulators,
     * weights and broadcasts fit AVX2's sixteen registers (spilled registers halved the speed).
     * Every sum is the same chain of fused multiply-adds as in {@link #f32One}, so a row's result
     * does not depend on the batch it is in.
     */
    private static void f32Quad(float[] w, int off, int cols, float[][] xs, int i, float[][] ys, int r0,
            int valid, float[][] scratch) {
        if (valid <= 0) {
            return; // the quarter is all padding
        }
        float[] x0 = xs[i];
        float[] x1 = xs[i + 1];
        float[] x2 = xs[i + 2];
        float[] x3 = xs[i + 3];
        float[] t0 = target(ys[i], valid, 2 * L, scratch, 0);
        int at0 = t0 == ys[i] ? r0 : 0;
        float[] t1 = target(ys[i + 1], valid, 2 * L, scratch, 1);
        int at1 = t1 == ys[i + 1] ? r0 : 0;
        float[] t2 = target(ys[i + 2], valid, 2 * L, scratch, 2);
        int at2 = t2 == ys[i + 2] ? r0 : 0;
        float[] t3 = target(ys[i + 3], valid, 2 * L, scratch, 3);
        int at3 = t3 == ys[i + 3] ? r0 : 0;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector d0 = a0;
        FloatVector d1 = a0;
        for (int c = 0, o = off; c < cols; c++, o += 8 * L) {
            FloatVector w0 = FloatVector.fromArray(F, w, o);
            FloatVector w1 = FloatVector.fromArray(F, w, o + L);
            FloatVector v = FloatVector.broadcast(F, x0[c]);
            a0 = w0.fma(v, a0);
            a1 = w1.fma(v, a1);
            v = FloatVector.broadcast(F, x1[c]);
            b0 = w0.fma(v, b0);
            b1 = w1.fma(v, b1);
            v = FloatVector.broadcast(F, x2[c]);
            c0 = w0.fma(v, c0);
            c1 = w1.fma(v, c1);
            v = FloatVector.broadcast(F, x3[c]);
            d0 = w0.fma(v, d0);
            d1 = w1.fma(v, d1);
        }
        a0.intoArray(t0, at0);
        a1.intoArray(t0, at0 + L);
        b0.intoArray(t1, at1);
        b1.intoArray(t1, at1 + L);
        c0.intoArray(t2, at2);
        c1.intoArray(t2, at2 + L);
        d0.intoArray(t3, at3);
        d1.intoArray(t3, at3 + L);
        finish(t0, ys[i], r0, valid);
        finish(t1, ys[i + 1], r0, valid);
        finish(t2, ys[i + 2], r0, valid);
        finish(t3, ys[i + 3], r0, valid);
    }

    /**
     * Four vectors times half a panel ({@code 4 L} rows from {@code w[off]}, column stride {@code 8 L}):
     * sixteen accumulators, each weight load used four times and each broadcast four times, for
     * AVX-512's 32 registers (1.3-1.9x {@link #f32Quad}'s rate there, session 14); the same sums as
     * {@link #f32One}.
     */
    private static void f32Wide(float[] w, int off, int cols, float[][] xs, int i, float[][] ys, int r0,
            int valid, float[][] scratch) {
        if (valid <= 0) {
            return;
        }
        float[] x0 = xs[i];
        float[] x1 = xs[i + 1];
        float[] x2 = xs[i + 2];
        float[] x3 = xs[i + 3];
        float[] t0 = target(ys[i], valid, 4 * L, scratch, 0);
        int at0 = t0 == ys[i] ? r0 : 0;
        float[] t1 = target(ys[i + 1], valid, 4 * L, scratch, 1);
        int at1 = t1 == ys[i + 1] ? r0 : 0;
        float[] t2 = target(ys[i + 2], valid, 4 * L, scratch, 2);
        int at2 = t2 == ys[i + 2] ? r0 : 0;
        float[] t3 = target(ys[i + 3], valid, 4 * L, scratch, 3);
        int at3 = t3 == ys[i + 3] ? r0 : 0;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        FloatVector c0 = a0;
        FloatVector c1 = a0;
        FloatVector c2 = a0;
        FloatVector c3 = a0;
        FloatVector d0 = a0;
        FloatVector d1 = a0;
        FloatVector d2 = a0;
        FloatVector d3 = a0;
        for (int c = 0, o = off; c < cols; c++, o += 8 * L) {
            FloatVector w0 = FloatVector.fromArray(F, w, o);
            FloatVector w1 = FloatVector.fromArray(F, w, o + L);
            FloatVector w2 = FloatVector.fromArray(F, w, o + 2 * L);
            FloatVector w3 = FloatVector.fromArray(F, w, o + 3 * L);
            FloatVector v = FloatVector.broadcast(F, x0[c]);
            a0 = w0.fma(v, a0);
            a1 = w1.fma(v, a1);
            a2 = w2.fma(v, a2);
            a3 = w3.fma(v, a3);
            v = FloatVector.broadcast(F, x1[c]);
            b0 = w0.fma(v, b0);
            b1 = w1.fma(v, b1);
            b2 = w2.fma(v, b2);
            b3 = w3.fma(v, b3);
            v = FloatVector.broadcast(F, x2[c]);
            c0 = w0.fma(v, c0);
            c1 = w1.fma(v, c1);
            c2 = w2.fma(v, c2);
            c3 = w3.fma(v, c3);
            v = FloatVector.broadcast(F, x3[c]);
            d0 = w0.fma(v, d0);
            d1 = w1.fma(v, d1);
            d2 = w2.fma(v, d2);
            d3 = w3.fma(v, d3);
        }
        a0.intoArray(t0, at0);
        a1.intoArray(t0, at0 + L);
        a2.intoArray(t0, at0 + 2 * L);
        a3.intoArray(t0, at0 + 3 * L);
        b0.intoArray(t1, at1);
        b1.intoArray(t1, at1 + L);
        b2.intoArray(t1, at1 + 2 * L);
        b3.intoArray(t1, at1 + 3 * L);
        c0.intoArray(t2, at2);
        c1.intoArray(t2, at2 + L);
        c2.intoArray(t2, at2 + 2 * L);
        c3.intoArray(t2, at2 + 3 * L);
        d0.intoArray(t3, at3);
        d1.intoArray(t3, at3 + L);
        d2.intoArray(t3, at3 + 2 * L);
        d3.intoArray(t3, at3 + 3 * L);
        finish(t0, ys[i], r0, valid);
        finish(t1, ys[i + 1], r0, valid);
        finish(t2, ys[i + 2], r0, valid);
        finish(t3, ys[i + 3], r0, valid);
    }

    /**
     * Two vectors times half a panel ({@code 4 L} rows from {@code w[off]}, column stride {@code 8 L}):
     * eight accumulators, each weight load used twice; the same sums as {@link #f32One}.
     */
    private static void f32Pair(float[] w, int off, int cols, float[] x, float[] z, float[] y, float[] u, int r0,
            int valid, float[][] scratch) {
        if (valid <= 0) {
            return;
        }
        float[] t = target(y, valid, 4 * L, scratch, 0);
        int at = t == y ? r0 : 0;
        float[] t2 = target(u, valid, 4 * L, scratch, 2);
        int at2 = t2 == u ? r0 : 0;
        FloatVector a0 = FloatVector.zero(F);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        for (int c = 0, o = off; c < cols; c++, o += 8 * L) {
            FloatVector xv = FloatVector.broadcast(F, x[c]);
            FloatVector zv = FloatVector.broadcast(F, z[c]);
            FloatVector w0 = FloatVector.fromArray(F, w, o);
            FloatVector w1 = FloatVector.fromArray(F, w, o + L);
            FloatVector w2 = FloatVector.fromArray(F, w, o + 2 * L);
            FloatVector w3 = FloatVector.fromArray(F, w, o + 3 * L);
            a0 = w0.fma(xv, a0);
            b0 = w0.fma(zv, b0);
            a1 = w1.fma(xv, a1);
            b1 = w1.fma(zv, b1);
            a2 = w2.fma(xv, a2);
            b2 = w2.fma(zv, b2);
            a3 = w3.fma(xv, a3);
            b3 = w3.fma(zv, b3);
        }
        a0.intoArray(t, at);
        a1.intoArray(t, at + L);
        a2.intoArray(t, at + 2 * L);
        a3.intoArray(t, at + 3 * L);
        b0.intoArray(t2, at2);
        b1.intoArray(t2, at2 + L);
        b2.intoArray(t2, at2 + 2 * L);
        b3.intoArray(t2, at2 + 3 * L);
        finish(t, y, r0, valid);
        finish(t2, u, r0, valid);
    }

    @Override
    void panelI8(byte[] q, int off, int cols, float[] scale, float[][] xs, int n, float[][] ys, int r0, int valid) {
        float[][] scratch = scratch(valid);
        for (int i = 0; i < n; i++) {
            float[] x = xs[i];
            float[] y = ys[i];
            float[] t = target(y, valid, 8 * L, scratch, 0);
            int at = t == y ? r0 : 0;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int c = 0, o = off; c < cols; c++, o += 8 * L) {
                FloatVector xv = FloatVector.broadcast(F, x[c]);
                a0 = i8(q, o).fma(xv, a0);
                a1 = i8(q, o + L).fma(xv, a1);
                a2 = i8(q, o + 2 * L).fma(xv, a2);
                a3 = i8(q, o + 3 * L).fma(xv, a3);
                a4 = i8(q, o + 4 * L).fma(xv, a4);
                a5 = i8(q, o + 5 * L).fma(xv, a5);
                a6 = i8(q, o + 6 * L).fma(xv, a6);
                a7 = i8(q, o + 7 * L).fma(xv, a7);
            }
            a0.mul(sv(scale, r0)).intoArray(t, at);
            a1.mul(sv(scale, r0 + L)).intoArray(t, at + L);
            a2.mul(sv(scale, r0 + 2 * L)).intoArray(t, at + 2 * L);
            a3.mul(sv(scale, r0 + 3 * L)).intoArray(t, at + 3 * L);
            a4.mul(sv(scale, r0 + 4 * L)).intoArray(t, at + 4 * L);
            a5.mul(sv(scale, r0 + 5 * L)).intoArray(t, at + 5 * L);
            a6.mul(sv(scale, r0 + 6 * L)).intoArray(t, at + 6 * L);
            a7.mul(sv(scale, r0 + 7 * L)).intoArray(t, at + 7 * L);
            finish(t, y, r0, valid);
        }
    }

    @Override
    void panelI4(byte[] q, int off, int cols, int group, float[] scale, int soff, float[][] xs, int n,
            float[][] ys, int r0, int valid) {
        int half = 4 * L;
        float[][] scratch = scratch(valid);
        for (int i = 0; i < n; i++) {
            float[] x = xs[i];
            float[] y = ys[i];
            float[] t = target(y, valid, 8 * L, scratch, 0);
            int at = t == y ? r0 : 0;
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int c0 = 0, s = soff; c0 < cols; c0 += group, s += 8 * L) {
                FloatVector t0 = FloatVector.zero(F);
                FloatVector t1 = t0;
                FloatVector t2 = t0;
                FloatVector t3 = t0;
                FloatVector t4 = t0;
                FloatVector t5 = t0;
                FloatVector t6 = t0;
                FloatVector t7 = t0;
                int end = Math.min(cols, c0 + group);
                for (int c = c0, o = off + c0 * half; c < end; c++, o += half) {
                    FloatVector xv = FloatVector.broadcast(F, x[c]);
                    IntVector b0 = wide(q, o);
                    IntVector b1 = wide(q, o + L);
                    IntVector b2 = wide(q, o + 2 * L);
                    IntVector b3 = wide(q, o + 3 * L);
                    t0 = lo(b0).fma(xv, t0);
                    t1 = lo(b1).fma(xv, t1);
                    t2 = lo(b2).fma(xv, t2);
                    t3 = lo(b3).fma(xv, t3);
                    t4 = hi(b0).fma(xv, t4);
                    t5 = hi(b1).fma(xv, t5);
                    t6 = hi(b2).fma(xv, t6);
                    t7 = hi(b3).fma(xv, t7);
                }
                a0 = t0.fma(sv(scale, s), a0);
                a1 = t1.fma(sv(scale, s + L), a1);
                a2 = t2.fma(sv(scale, s + 2 * L), a2);
                a3 = t3.fma(sv(scale, s + 3 * L), a3);
                a4 = t4.fma(sv(scale, s + 4 * L), a4);
                a5 = t5.fma(sv(scale, s + 5 * L), a5);
                a6 = t6.fma(sv(scale, s + 6 * L), a6);
                a7 = t7.fma(sv(scale, s + 7 * L), a7);
            }
            a0.intoArray(t, at);
            a1.intoArray(t, at + L);
            a2.intoArray(t, at + 2 * L);
            a3.intoArray(t, at + 3 * L);
            a4.intoArray(t, at + 4 * L);
            a5.intoArray(t, at + 5 * L);
            a6.intoArray(t, at + 6 * L);
            a7.intoArray(t, at + 7 * L);
            finish(t, y, r0, valid);
        }
    }

    private static FloatVector sv(float[] a, int o) {
        return FloatVector.fromArray(F, a, o);
    }

    private static FloatVector i8(byte[] q, int o) {
        return (FloatVector) ByteVector.fromArray(B, q, o).convertShape(VectorOperators.B2F, F, 0);
    }

    /**
     * Low nibbles (signed 4-bit) as {@code 16 q}: from the bytes widened to int lanes ({@link #wide}), the nibble shifted to the top
     * ({@code << 28}) and back down with its sign ({@code >> 24}). Done on int lanes because a byte vector's
     * reinterpretation as shorts (x86 has no byte shift) was not compiled to vector code on JDK 17 here: it ran
     * through a ByteBuffer, 16× slower than the int8 kernel (session 16, JFR). Same values as before, so the same sums.
     */
    private static FloatVector lo(IntVector v) {
        return (FloatVector) v.lanewise(VectorOperators.LSHL, 28).lanewise(VectorOperators.ASHR, 24)
                .convertShape(VectorOperators.I2F, F, 0);
    }

    /** High nibbles (signed 4-bit) as {@code 16 q}: the sign-extended byte with its low nibble cleared. */
    private static FloatVector hi(IntVector v) {
        return (FloatVector) v.and(~0xF).convertShape(VectorOperators.I2F, F, 0);
    }

    /** {@code L} packed bytes from {@code q[o]}, sign-extended to int lanes (once for both of their nibbles). */
    private static IntVector wide(byte[] q, int o) {
        return (IntVector) ByteVector.fromArray(B, q, o).convertShape(VectorOperators.B2I, I, 0);
    }

    /**
     * Where a kernel stores its accumulators: {@code y} itself when the panel's {@code rows} are all
     * valid, else the panel call's scratch array {@code slot} (0 to 3, one per target live at once), which
     * {@link #finish} copies the valid part of. Kernels store their
     * vectors themselves rather than through a helper taking them, since vectors passed to a method
     * the JIT does not inline are boxed on the heap (that cost more than the products: session 13).
     */
    private static float[] target(float[] y, int valid, int rows, float[][] scratch, int slot) {
        return valid >= rows ? y : scratch[slot];
    }

    /**
     * The scratch accumulators a panel call's kernels use when the panel has fewer than {@code 8 L} valid rows:
     * four at once (a block of four vectors), a panel each, made once per call for all its vectors; none for a
     * full panel. (A thread-local array instead cost a hash-map probe per kernel call, slow on Spark's task
     * threads, which hold many thread-locals: 45% of a task's samples.)
     */
    private static float[][] scratch(int valid) {
        return valid < 8 * L ? new float[4][8 * L] : null;
    }

    /** Copies the valid rows of a scratch {@link #target} into {@code y[r0 ..]}; nothing when it was {@code y}. */
    private static void finish(float[] t, float[] y, int r0, int valid) {
        if (t != y && valid > 0) {
            System.arraycopy(t, 0, y, r0, valid);
        }
    }
}
