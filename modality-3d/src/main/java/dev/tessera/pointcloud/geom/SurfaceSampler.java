package dev.tessera.pointcloud.geom;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Uniform random points on a mesh surface: a triangle is picked with probability proportional to
 * its area, then a point uniformly inside it (square-root barycentric trick). Normals are the
 * triangle normals.
 */
public final class SurfaceSampler {
    private SurfaceSampler() { }

    /**
     * Samples {@code n} points.
     *
     * @param mesh a mesh with positive area
     * @param n number of points, positive
     * @param seed random seed
     * @return the points with face normals
     * @throws IllegalArgumentException if the mesh has no area
     */
    public static PointCloud sample(Mesh mesh, int n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("n (" + n + ") must be positive");
        }
        int tc = mesh.triangleCount();
        double[] cdf = new double[tc];
        double acc = 0;
        for (int t = 0; t < tc; t++) {
            acc += mesh.triangleArea(t);
            cdf[t] = acc;
        }
        if (!(acc > 0)) {
            throw new IllegalArgumentException(mesh + " has zero surface area; cannot sample its surface");
        }
        float[] v = mesh.vertices();
        int[] f = mesh.faces();
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] xyz = new float[3 * n];
        float[] nor = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() * acc;
            int t = Arrays.binarySearch(cdf, u);
            if (t < 0) {
                t = -t - 1;
            }
            t = Math.min(t, tc - 1);
            while (t > 0 && cdf[t] == cdf[t - 1]) {
                t--; // never land on a zero-area triangle
            }
            int a = 3 * f[3 * t];
            int b = 3 * f[3 * t + 1];
            int c = 3 * f[3 * t + 2];
            double r1 = Math.sqrt(rnd.nextDouble());
            double r2 = rnd.nextDouble();
            double wa = 1 - r1;
            double wb = r1 * (1 - r2);
            double wc = r1 * r2;
            for (int k = 0; k < 3; k++) {
                xyz[3 * i + k] = (float) (wa * v[a + k] + wb * v[b + k] + wc * v[c + k]);
            }
            double ux = v[b] - v[a];
            double uy = v[b + 1] - v[a + 1];
            double uz = v[b + 2] - v[a + 2];
            double vx = v[c] - v[a];
            double vy = v[c + 1] - v[a + 1];
            double vz = v[c + 2] - v[a + 2];
            double nx = uy * vz - uz * vy;
            double ny = uz * vx - ux * vz;
            double nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            nor[3 * i] = (float) (nx / len);
            nor[3 * i + 1] = (float) (ny / len);
            nor[3 * i + 2] = (float) (nz / len);
        }
        return new PointCloud(xyz, nor, null);
    }
}
