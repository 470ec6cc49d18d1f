package dev.tessera.pointcloud.data;

import dev.tessera.pointcloud.geom.Mesh;
import dev.tessera.pointcloud.geom.Normalized;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.geom.SurfaceSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded procedural solids with captions: spheres, boxes, tori, cylinders, cones, tables and
 * chairs at random proportions, y up, normalised to the unit cube. The embedded default data of the
 * 3D modality (no labelled real shape set exists here).
 */
public final class ProceduralShapes {
    private ProceduralShapes() { }

    /**
     * Generates one shape of a class.
     *
     * @param c the class
     * @param rnd the random source (advanced)
     * @return the shape
     */
    public static ProceduralShape generate(ShapeClass c, SplittableRandom rnd) {
        MeshBuilder b = new MeshBuilder();
        String caption;
        switch (c) {
            case SPHERE: {
                double sy = u(rnd, 0.8, 1.2);
                double sz = u(rnd, 0.85, 1.15);
                int rings = 24;
                double[] r = new double[rings + 1];
                double[] h = new double[rings + 1];
                for (int i = 0; i <= rings; i++) {
                    double t = Math.PI * i / rings;
                    r[i] = Math.sin(t);
                    h[i] = -Math.cos(t) * sy;
                }
                b.revolve(r, h, 32);
                Mesh m = b.build();
                float[] v = m.vertices();
                for (int i = 2; i < v.length; i += 3) {
                    v[i] *= (float) sz;
                }
                caption = sy > 1.1 ? "a tall ellipsoid" : sy < 0.9 ? "a squashed sphere" : "a round sphere";
                return new ProceduralShape(c, caption, Normalized.of(new Mesh(v, m.faces())));
            }
            case CUBE: {
                double sy = u(rnd, 0.6, 1.0);
                double sz = u(rnd, 0.6, 1.0);
                b.box(0, 0, 0, 1, sy, sz);
                caption = sy < 0.75 ? "a low box" : "a cube-like box";
                break;
            }
            case TORUS: {
                double minor = u(rnd, 0.15, 0.4);
                b.torus(1, minor, 40, 16);
                caption = minor < 0.25 ? "a thin ring torus" : "a thick torus";
                break;
            }
            case CYLINDER: {
                double h = u(rnd, 0.6, 2.5);
                b.revolve(new double[] {1, 1}, new double[] {-h / 2, h / 2}, 32);
                b.disc(-h / 2, 1, 32).disc(h / 2, 1, 32);
                caption = h > 1.6 ? "a tall cylinder" : h < 1.0 ? "a flat cylinder" : "a cylinder";
                break;
            }
            case CONE: {
                double h = u(rnd, 0.8, 2.5);
                b.revolve(new double[] {1, 0}, new double[] {-h / 2, h / 2}, 32);
                b.disc(-h / 2, 1, 32);
                caption = h > 1.6 ? "a tall pointed cone" : "a wide cone";
                break;
            }
            case TABLE: {
                double w = 1;
                double d = u(rnd, 0.5, 1.0);
                double height = u(rnd, 0.5, 0.9);
                double top = u(rnd, 0.04, 0.1);
                double leg = u(rnd, 0.05, 0.1);
                b.box(0, height - top / 2, 0, w, top, d);
                legs(b, w, d, height - top, leg);
                caption = d < 0.7 ? "a long narrow table" : "a square table";
                break;
            }
            case CHAIR: {
                double w = u(rnd, 0.8, 1.0);
                double d = u(rnd, 0.8, 1.0);
                double seatH = u(rnd, 0.8, 1.1);
                double backH = u(rnd, 0.8, 1.2);
                double seat = 0.08;
                double leg = 0.08;
                b.box(0, seatH - seat / 2, 0, w, seat, d);
                legs(b, w, d, seatH - seat, leg);
                b.box(0, seatH + backH / 2, -d / 2 + 0.05, w, backH, 0.1);
                caption = backH > 1.0 ? "a chair with a high back" : "a chair with a low back";
                break;
            }
            default:
                throw new IllegalStateException("unhandled class " + c);
        }
        return new ProceduralShape(c, caption, Normalized.of(b.build()));
    }

    private static void legs(MeshBuilder b, double w, double d, double h, double leg) {
        for (int sx = -1; sx <= 1; sx += 2) {
            for (int sz = -1; sz <= 1; sz += 2) {
                b.box(sx * (w / 2 - leg / 2), h / 2, sz * (d / 2 - leg / 2), leg, h, leg);
            }
        }
    }

    private static double u(SplittableRandom rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /**
     * A labelled sample: a shape's class, caption and surface points.
     *
     * @param shapeClass the class
     * @param caption the caption
     * @param points surface samples in the unit cube
     */
    public record Sample(ShapeClass shapeClass, String caption, PointCloud points) { }

    /**
     * Generates a balanced data set: {@code perClass} shapes of every class, sampled to point clouds
     * and interleaved by class.
     *
     * @param perClass shapes per class
     * @param points points per shape
     * @param seed the seed (different seeds give disjoint-looking sets)
     * @return the samples
     */
    public static List<Sample> dataset(int perClass, int points, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (ShapeClass c : ShapeClass.values()) {
                ProceduralShape s = generate(c, rnd);
                out.add(new Sample(c, s.caption(), SurfaceSampler.sample(s.mesh(), points, rnd.nextLong())));
            }
        }
        return out;
    }
}
