package dev.tessera.molecule;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Shared test data: the committed fixture and, when installed, the Debian molecules. */
final class MoleculeFixtures {
    private static List<Molecule> real;

    private MoleculeFixtures() { }

    static Path fixturePath() {
        try {
            return Path.of(MoleculeFixtures.class.getResource("2-chloroethanol.cml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Molecule fixture() {
        try {
            return CmlReader.read(fixturePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Skips the calling test with a message when the Debian package is not installed. */
    static Path requireRealFolder() {
        Path root = Path.of(MoleculeDataset.DEBIAN_ROOT);
        assumeTrue(Files.isDirectory(root.resolve("alcohols")), "skipped: " + root + " is missing; install the "
                + "Debian package chemical-structures-data to test on the 568 real molecules");
        return root;
    }

    /** Every real molecule (read once), or a skipped test when the package is missing. */
    static synchronized List<Molecule> realMolecules() throws IOException {
        Path root = requireRealFolder();
        if (real == null) {
            List<Molecule> out = new ArrayList<>();
            try (Stream<Path> s = Files.walk(root, 2)) {
                for (Path p : s.filter(f -> f.toString().endsWith(".cml")).sorted().toList()) {
                    out.add(CmlReader.read(p));
                }
            }
            real = List.copyOf(out);
        }
        return real;
    }

    /** A uniformly random proper rotation (from a random unit quaternion). */
    static double[][] randomRotation(SplittableRandom rng) {
        double[] q = new double[4];
        double n = 0;
        for (int i = 0; i < 4; i++) {
            q[i] = rng.nextGaussian();
            n += q[i] * q[i];
        }
        n = Math.sqrt(n);
        double w = q[0] / n;
        double x = q[1] / n;
        double y = q[2] / n;
        double z = q[3] / n;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
    }

    /** Rotates, translates and permutes a molecule's atoms. */
    static Molecule moved(Molecule m, SplittableRandom rng) {
        double[][] r = randomRotation(rng);
        double tx = rng.nextDouble(-20, 20);
        double ty = rng.nextDouble(-20, 20);
        double tz = rng.nextDouble(-20, 20);
        List<Atom> atoms = new ArrayList<>();
        for (Atom a : m.atoms()) {
            double[] p = {a.x(), a.y(), a.z()};
            atoms.add(new Atom(a.element(), r[0][0] * p[0] + r[0][1] * p[1] + r[0][2] * p[2] + tx,
                    r[1][0] * p[0] + r[1][1] * p[1] + r[1][2] * p[2] + ty,
                    r[2][0] * p[0] + r[2][1] * p[1] + r[2][2] * p[2] + tz));
        }
        for (int i = atoms.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            Atom t = atoms.get(i);
            atoms.set(i, atoms.get(j));
            atoms.set(j, t);
        }
        return Molecule.of(m.name(), atoms);
    }
}
