package dev.tessera.pointcloud.data;

import dev.tessera.pointcloud.geom.Mesh;
import java.util.Arrays;

/** Accumulates triangles of simple primitives (boxes, parametric surfaces) into one mesh. */
final class MeshBuilder {
    private float[] v = new float[256];
    private int nv;
    private int[] f = new int[256];
    private int nf;

    int vertex(double x, double y, double z) {
        if (nv + 3 > v.length) {
            v = Arrays.copyOf(v, 2 * v.length);
        }
        v[nv++] = (float) x;
        v[nv++] = (float) y;
        v[nv++] = (float) z;
        return nv / 3 - 1;
    }

    void triangle(int a, int b, int c) {
        if (nf + 3 > f.length) {
            f = Arrays.copyOf(f, 2 * f.length);
        }
        f[nf++] = a;
        f[nf++] = b;
        f[nf++] = c;
    }

    void quad(int a, int b, int c, int d) {
        triangle(a, b, c);
        triangle(a, c, d);
    }

    /** An axis-aligned box given by its centre and full sizes. */
    MeshBuilder box(double cx, double cy, double cz, double sx, double sy, double sz) {
        int[] i = new int[8];
        for (int k = 0; k < 8; k++) {
            i[k] = vertex(cx + ((k & 4) != 0 ? 0.5 : -0.5) * sx, cy + ((k & 2) != 0 ? 0.5 : -0.5) * sy,
                    cz + ((k & 1) != 0 ? 0.5 : -0.5) * sz);
        }
        quad(i[0], i[1], i[3], i[2]); // x-
        quad(i[4], i[6], i[7], i[5]); // x+
        quad(i[0], i[4], i[5], i[1]); // y-
        quad(i[2], i[3], i[7], i[6]); // y+
        quad(i[0], i[2], i[6], i[4]); // z-
        quad(i[1], i[5], i[7], i[3]); // z+
        return this;
    }

    /** A surface of revolution around y: radius r(t) at height y(t), t in [0, 1], with optional caps. */
    MeshBuilder revolve(double[] radius, double[] height, int segments) {
        int rings = radius.length;
        int[][] idx = new int[rings][segments];
        for (int r = 0; r < rings; r++) {
            for (int s = 0; s < segments; s++) {
                double a = 2 * Math.PI * s / segments;
                idx[r][s] = vertex(radius[r] * Math.cos(a), height[r], radius[r] * Math.sin(a));
            }
        }
        for (int r = 0; r + 1 < rings; r++) {
            for (int s = 0; s < segments; s++) {
                int s2 = (s + 1) % segments;
                quad(idx[r][s], idx[r + 1][s], idx[r + 1][s2], idx[r][s2]);
            }
        }
        return this;
    }

    /** A flat disc at height y with a radius, facing up or down. */
    MeshBuilder disc(double y, double radius, int segments) {
        int c = vertex(0, y, 0);
        int first = -1;
        int prev = -1;
        for (int s = 0; s <= segments; s++) {
            double a = 2 * Math.PI * s / segments;
            int p = s == segments ? first : vertex(radius * Math.cos(a), y, radius * Math.sin(a));
            if (s == 0) {
                first = p;
            } else {
                triangle(c, prev, p);
            }
            prev = p;
        }
        return this;
    }

    /** A torus around y with major radius R and tube radius r. */
    MeshBuilder torus(double major, double minor, int segments, int tube) {
        int[][] idx = new int[segments][tube];
        for (int s = 0; s < segments; s++) {
            double a = 2 * Math.PI * s / segments;
            for (int t = 0; t < tube; t++) {
                double b = 2 * Math.PI * t / tube;
                double rr = major + minor * Math.cos(b);
                idx[s][t] = vertex(rr * Math.cos(a), minor * Math.sin(b), rr * Math.sin(a));
            }
        }
        for (int s = 0; s < segments; s++) {
            for (int t = 0; t < tube; t++) {
                quad(idx[s][t], idx[(s + 1) % segments][t], idx[(s + 1) % segments][(t + 1) % tube],
                        idx[s][(t + 1) % tube]);
            }
        }
        return this;
    }

    Mesh build() {
        return new Mesh(Arrays.copyOf(v, nv), Arrays.copyOf(f, nf));
    }
}
