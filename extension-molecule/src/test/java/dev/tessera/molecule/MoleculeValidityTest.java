package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoleculeValidityTest {
    private final MoleculeValidity rule = MoleculeValidity.standard();

    @Test
    void fixture_isValid_withAndWithoutHydrogens() {
        Molecule m = MoleculeFixtures.fixture();
        assertTrue(rule.isValid(m), rule.check(m).reason());
        assertTrue(rule.isValid(m.withoutHydrogens()), rule.check(m.withoutHydrogens()).reason());
    }

    @Test
    void realMolecules_nearlyAllValid_asReadAndAfterTheTokenizerRoundTrip() throws IOException {
        MoleculeModality mod = MoleculeModality.standard();
        List<Molecule> all = MoleculeFixtures.realMolecules();
        int withH = 0;
        int heavy = 0;
        int roundTrip = 0;
        List<String> failures = new ArrayList<>();
        for (Molecule m : all) {
            withH += rule.isValid(m) ? 1 : 0;
            heavy += rule.isValid(m.withoutHydrogens()) ? 1 : 0;
            Molecule back = mod.detokenizer().decode(mod.tokenizer().encode(m));
            if (rule.isValid(back)) {
                roundTrip++;
            } else {
                failures.add(m.name() + ": " + rule.check(back).reason());
            }
        }
        System.out.printf("molecule validity on %d real molecules: with H %.4f, heavy atoms %.4f, after tokenizer "
                + "round trip %.4f; round-trip failures %s%n", all.size(), withH / (double) all.size(),
                heavy / (double) all.size(), roundTrip / (double) all.size(), failures);
        assertTrue(withH >= 0.99 * all.size(), "with hydrogens " + withH);
        assertTrue(heavy >= 0.99 * all.size(), "heavy atoms " + heavy);
        assertTrue(roundTrip >= 0.99 * all.size(), "round trip " + roundTrip + " " + failures);
    }

    @Test
    void corruptedMolecules_fail() throws IOException {
        List<Molecule> sources = new ArrayList<>(List.of(MoleculeFixtures.fixture().withoutHydrogens()));
        try {
            List<Molecule> real = MoleculeFixtures.realMolecules();
            for (int i = 0; i < real.size(); i += 37) {
                if (rule.isValid(real.get(i).withoutHydrogens()) && real.get(i).withoutHydrogens().size() >= 3) {
                    sources.add(real.get(i).withoutHydrogens());
                }
            }
        } catch (org.opentest4j.TestAbortedException e) {
            // fixture only
        }
        for (Molecule m : sources) {
            // clash: atom 1 moved onto atom 0
            Molecule clash = replace(m, 1, new Atom(m.atom(1).element(), m.atom(0).x() + 0.3, m.atom(0).y(), m.atom(0).z()));
            assertFalse(rule.isValid(clash), m.name() + " clash");
            assertTrue(rule.check(clash).reason().contains("closer than"), rule.check(clash).reason());
            // disconnected: the last atom far away
            int last = m.size() - 1;
            Atom a = m.atom(last);
            Molecule far = replace(m, last, new Atom(a.element(), a.x() + 30, a.y(), a.z()));
            assertFalse(rule.isValid(far), m.name() + " detached atom");
            // over-valence: five fluorines around atom 0 at 1.4 A (a carbon or other atom with too many neighbours)
            Atom c = m.atom(0);
            double[][] dirs = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}, {0.577, 0.577, 0.577}};
            List<Atom> shell = new ArrayList<>();
            for (double[] d : dirs) {
                shell.add(new Atom("F", c.x() + 1.4 * d[0], c.y() + 1.4 * d[1], c.z() + 1.4 * d[2]));
            }
            Molecule star = Molecule.of("star", List.of(new Atom("C", c.x(), c.y(), c.z()), shell.get(0), shell.get(1),
                    shell.get(2), shell.get(3), shell.get(4)));
            assertFalse(rule.isValid(star), "C with five neighbours");
            assertTrue(rule.check(star).reason().contains("5 bonded neighbours"), rule.check(star).reason());
        }
        Molecule water = Molecule.of("O", List.of(new Atom("O", 0, 0, 0)));
        assertTrue(rule.isValid(water), "a single atom is a valid molecule");
        Molecule ohh = Molecule.of("F2O", List.of(new Atom("F", 0, 0, 0), new Atom("F", 1.4, 0, 0),
                new Atom("F", 0.7, 1.2, 0)));
        assertFalse(rule.isValid(ohh), "fluorine with two neighbours");
    }

    private static Molecule replace(Molecule m, int i, Atom a) {
        List<Atom> atoms = new ArrayList<>(m.atoms());
        atoms.set(i, a);
        return Molecule.of(m.name(), atoms);
    }
}
