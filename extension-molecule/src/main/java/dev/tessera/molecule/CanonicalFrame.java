package dev.tessera.molecule;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves a molecule into its canonical frame: centroid at the origin, x along the principal axis of
 * largest spread, y along the second, z = x × y (a proper rotation, so chirality is kept).
 *
 * <p>Each of the first two axes is oriented so that the third moment of the atoms' coordinates along
 * it is positive; when that moment vanishes (a symmetric molecule), the first moment weighted by the
 * covalent radius decides, then (second axis only) the mixed moments {@code Σ x·y³} and {@code Σ x³·y}
 * relative to the first axis, which separate the two orientations of a centrosymmetric chain.
 * The result is invariant to rotations, translations and atom permutations of the input whenever the
 * three principal spreads differ; molecules with two equal spreads (benzene, methane) have no unique
 * in-plane orientation and get the one the eigen solver returns.
 *
 * <p>The 3 × 3 symmetric eigenproblem is solved by cyclic Jacobi rotations, written here (30 lines)
 * so that the extension depends on nothing but {@code sdk-core} and the JDK.
 */
public final class CanonicalFrame {
    private static final double EPS = 1e-6;

    private CanonicalFrame() { }

    /**
     * Returns the molecule in its canonical frame (same atoms in the same order, no bonds kept
     * changed: bonds are copied as they are).
     *
     * @param m the molecule
     * @return the moved molecule
     */
    public static Molecule apply(Molecule m) {
        int n = m.size();
        double cx = 0;
        double cy = 0;
        double cz = 0;
        for (Atom a : m.atoms()) {
            cx += a.x();
            cy += a.y();
            cz += a.z();
        }
        cx /= n;
        cy /= n;
        cz /= n;
        double[][] p = new double[n][];
        double[][] cov = new double[3][3];
        for (int i = 0; i < n; i++) {
            Atom a = m.atom(i);
            p[i] = new double[] {a.x() - cx, a.y() - cy, a.z() - cz};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    cov[r][c] += p[i][r] * p[i][c];
                }
            }
        }
        double[][] axes = principalAxes(cov);
        double scale = Math.max(1e-12, (Math.abs(cov[0][0]) + Math.abs(cov[1][1]) + Math.abs(cov[2][2])) / n);
        for (int k = 0; k < 2; k++) {
            // candidate moments, each odd in axis k, tried in order until one is clearly non-zero
            double third = 0;
            double first = 0;
            double mixed31 = 0;
            double mixed13 = 0;
            for (int i = 0; i < n; i++) {
                double t = dot(p[i], axes[k]);
                double u = dot(p[i], axes[0]);
                third += t * t * t / n;
                first += t * Elements.covalentRadius(m.atom(i).element()) / n;
                mixed31 += u * t * t * t / n;
                mixed13 += u * u * u * t / n;
            }
            double sign = 1;
            if (Math.abs(third) > EPS * Math.pow(scale, 1.5)) {
                sign = Math.signum(third);
            } else if (Math.abs(first) > EPS * Math.sqrt(scale)) {
                sign = Math.signum(first);
            } else if (k == 1 && Math.abs(mixed31) > EPS * scale * scale) {
                sign = Math.signum(mixed31); // relative to the (already fixed) first axis
            } else if (k == 1 && Math.abs(mixed13) > EPS * scale * scale) {
                sign = Math.signum(mixed13);
            }
            if (sign < 0) {
                for (int c = 0; c < 3; c++) {
                    axes[k][c] = -axes[k][c];
                }
            }
        }
        axes[2] = cross(axes[0], axes[1]);
        List<Atom> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Atom(m.atom(i).element(), dot(p[i], axes[0]), dot(p[i], axes[1]), dot(p[i], axes[2])));
        }
        return new Molecule(m.name(), out, m.bonds());
    }

    /**
     * Returns the unit eigenvectors of a symmetric 3 × 3 matrix, by decreasing eigenvalue.
     *
     * @param sym the matrix (not modified)
     * @return three rows, each a unit eigenvector
     */
    static double[][] principalAxes(double[][] sym) {
        double[][] a = {sym[0].clone(), sym[1].clone(), sym[2].clone()};
        double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}; // columns are eigenvectors
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = Math.abs(a[0][1]) + Math.abs(a[0][2]) + Math.abs(a[1][2]);
            if (off < 1e-15 * (Math.abs(a[0][0]) + Math.abs(a[1][1]) + Math.abs(a[2][2]) + 1e-300)) {
                break;
            }
            for (int pI = 0; pI < 2; pI++) {
                for (int q = pI + 1; q < 3; q++) {
                    if (a[pI][q] == 0) {
                        continue;
                    }
                    // rotation that zeroes a[p][q] (Golub & Van Loan, symmetric Schur decomposition)
                    double theta = (a[q][q] - a[pI][pI]) / (2 * a[pI][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][pI];
                        double akq = a[k][q];
                        a[k][pI] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[pI][k];
                        double aqk = a[q][k];
                        a[pI][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][pI];
                        double vkq = v[k][q];
                        v[k][pI] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[][] axes = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) {
                axes[r][k] = v[k][order[r]];
            }
        }
        return axes;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
