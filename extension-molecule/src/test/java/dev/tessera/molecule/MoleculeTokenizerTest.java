package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.Segment;
import dev.tessera.core.token.UnknownTokenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoleculeTokenizerTest {
    private final MoleculeModality modality = MoleculeModality.standard();
    private final MoleculeTokenizer tok = modality.tokenizer();
    private final MoleculeDetokenizer detok = modality.detokenizer();

    private void assertRoundTrip(Molecule m) {
        Molecule canonical = tok.canonical(m);
        Segment s = tok.encode(m);
        assertEquals(4 * canonical.size(), s.length());
        for (int id : s.tokens()) {
            assertTrue(id >= 0 && id < tok.vocabularySize(), "id " + id + " in vocabulary");
        }
        Molecule back = detok.decode(s);
        assertEquals(canonical.size(), back.size());
        double half = tok.config().gridStep() / 2 + 1e-9;
        for (int i = 0; i < back.size(); i++) {
            Atom a = canonical.atom(i);
            Atom b = back.atom(i);
            assertEquals(a.element(), b.element(), m.name() + " atom " + i);
            assertEquals(a.x(), b.x(), half, m.name() + " atom " + i + " x");
            assertEquals(a.y(), b.y(), half, m.name() + " atom " + i + " y");
            assertEquals(a.z(), b.z(), half, m.name() + " atom " + i + " z");
        }
    }

    @Test
    void encodeDecode_fixture_isWithinHalfAGridStepAndDropsHydrogens() {
        Molecule m = MoleculeFixtures.fixture();
        assertEquals(4 * 4, tok.encode(m).length(), "4 heavy atoms x 4 tokens; hydrogens are implicit");
        assertRoundTrip(m);
    }

    @Test
    void encodeDecode_realMolecules_areWithinHalfAGridStep() throws IOException {
        int encoded = 0;
        for (Molecule m : MoleculeFixtures.realMolecules()) {
            assertRoundTrip(m);
            encoded++;
        }
        assertEquals(568, encoded, "the standard box holds every Debian molecule");
    }

    @Test
    void encodeDecode_withHydrogensKept_keepsEveryAtom() {
        MoleculeTokenizerConfig c = MoleculeTokenizerConfig.standard();
        MoleculeTokenizer withH = new MoleculeTokenizer("molecule", new MoleculeTokenizerConfig(c.elements(),
                c.gridStep(), c.halfX(), c.halfY(), c.halfZ(), true));
        Molecule m = MoleculeFixtures.fixture();
        Segment s = withH.encode(m);
        assertEquals(4 * 9, s.length());
        assertEquals(m.elementCounts(), new MoleculeDetokenizer("molecule", withH.config()).decode(s).elementCounts());
    }

    @Test
    void encode_isInvariantToRotationTranslationAndPermutation() throws IOException {
        List<Molecule> cases = new ArrayList<>();
        cases.add(MoleculeFixtures.fixture());
        try {
            List<Molecule> real = MoleculeFixtures.realMolecules();
            for (int i = 0; i < real.size(); i += 23) {
                cases.add(real.get(i));
            }
        } catch (org.opentest4j.TestAbortedException e) {
            // only the fixture when the Debian package is missing
        }
        SplittableRandom rng = new SplittableRandom(11);
        int checked = 0;
        for (Molecule m : cases) {
            Molecule c = tok.canonical(m);
            if (!distinctSpreads(c)) {
                continue; // two equal principal spreads: no unique in-plane orientation (documented)
            }
            int[] want = tok.encode(m).tokens();
            for (int k = 0; k < 3; k++) {
                Molecule moved = MoleculeFixtures.moved(m, rng);
                assertArrayEquals(want, tok.encode(moved).tokens(), m.name() + " moved #" + k);
                if (m.name().equals("2-chloroethanol")) {
                    // an asymmetric molecule lands on exactly the same canonical coordinates; real files hold
                    // nearly symmetric molecules (tetracosane) whose two orientations differ by the coordinates'
                    // rounding, so for them the invariant checked is the tokens above
                    Molecule cm = tok.canonical(moved);
                    for (int i = 0; i < c.size(); i++) {
                        assertEquals(c.atom(i).x(), cm.atom(i).x(), 1e-9);
                        assertEquals(c.atom(i).y(), cm.atom(i).y(), 1e-9);
                        assertEquals(c.atom(i).z(), cm.atom(i).z(), 1e-9);
                    }
                }
            }
            checked++;
        }
        assertTrue(checked >= 1, "at least the fixture is checked");
    }

    private static boolean distinctSpreads(Molecule c) {
        double sx = 0;
        double sy = 0;
        double sz = 0;
        for (Atom a : c.atoms()) {
            sx += a.x() * a.x();
            sy += a.y() * a.y();
            sz += a.z() * a.z();
        }
        double scale = sx + sy + sz + 1e-9;
        return (sx - sy) / scale > 1e-3 && (sy - sz) / scale > 1e-3;
    }

    @Test
    void canonicalFrame_centresAndDiagonalisesTheSpread() {
        Molecule c = CanonicalFrame.apply(MoleculeFixtures.fixture());
        double[] mean = new double[3];
        double[][] cov = new double[3][3];
        for (Atom a : c.atoms()) {
            double[] p = {a.x(), a.y(), a.z()};
            for (int r = 0; r < 3; r++) {
                mean[r] += p[r] / c.size();
                for (int q = 0; q < 3; q++) {
                    cov[r][q] += p[r] * p[q];
                }
            }
        }
        for (int r = 0; r < 3; r++) {
            assertEquals(0, mean[r], 1e-9);
            for (int q = 0; q < 3; q++) {
                if (q != r) {
                    assertEquals(0, cov[r][q], 1e-9, "off-diagonal " + r + "," + q);
                }
            }
        }
        assertTrue(cov[0][0] >= cov[1][1] && cov[1][1] >= cov[2][2], "spreads sorted");
    }

    @Test
    void principalAxes_ofAKnownMatrix_areItsEigenvectors() {
        double[][] axes = CanonicalFrame.principalAxes(new double[][] {{2, 1, 0}, {1, 2, 0}, {0, 0, 5}});
        assertEquals(1, Math.abs(axes[0][2]), 1e-12, "eigenvalue 5 along z");
        assertEquals(Math.sqrt(0.5), Math.abs(axes[1][0]), 1e-12, "eigenvalue 3 along (1,1,0)");
        assertEquals(Math.sqrt(0.5), Math.abs(axes[1][1]), 1e-12);
        assertEquals(Math.sqrt(0.5), Math.abs(axes[2][0]), 1e-12, "eigenvalue 1 along (1,-1,0)");
    }

    @Test
    void canonicalOrder_walksBondsSoConsecutiveAtomsAreUsuallyBonded() throws IOException {
        int pairs = 0;
        int bonded = 0;
        for (Molecule m : MoleculeFixtures.realMolecules()) {
            Molecule c = tok.canonical(m);
            for (int i = 1; i < c.size(); i++) {
                pairs++;
                double r = Elements.covalentRadius(c.atom(i).element()) + Elements.covalentRadius(c.atom(i - 1).element());
                if (c.atom(i).distanceTo(c.atom(i - 1)) <= 1.2 * r) {
                    bonded++;
                }
            }
        }
        assertTrue(bonded > 0.7 * pairs, bonded + " of " + pairs + " consecutive pairs bonded");
    }

    @Test
    void encode_unknownElement_namesMoleculeAtomAndElement() {
        Molecule m = Molecule.of("odd", List.of(new Atom("C", 0, 0, 0), new Atom("Xe", 1.5, 0, 0)));
        UnknownElementException e = assertThrows(UnknownElementException.class, () -> tok.encode(m));
        assertEquals("Xe", e.element());
        assertEquals(1, e.atomIndex());
        assertTrue(e.getMessage().contains("molecule 'odd', atom 1: element 'Xe' has no token"), e.getMessage());
    }

    @Test
    void encode_atomOutsideTheBox_namesAtomAndAxis() {
        Molecule m = Molecule.of("long", List.of(new Atom("C", 0, 0, 0), new Atom("C", 40, 0, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tok.encode(m));
        assertTrue(e.getMessage().contains("molecule 'long'") && e.getMessage().contains("outside the box")
                && e.getMessage().contains("halfX"), e.getMessage());
    }

    @Test
    void decode_malformedSegments_sayWhatAndWhere() {
        int cx = tok.config().axisOffset(0);
        int cy = tok.config().axisOffset(1);
        int cz = tok.config().axisOffset(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> detok.decode(new Segment("molecule", new int[] {2, cx, cy, cz, 2, cx})));
        assertTrue(e.getMessage().contains("6 tokens, not a multiple of 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> detok.decode(new Segment("molecule", new int[] {2, cx, cz, cz})));
        assertTrue(e.getMessage().contains("position 2") && e.getMessage().contains("not a y step"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> detok.decode(new Segment("molecule", new int[] {cx, cx, cy, cz})));
        assertTrue(e.getMessage().contains("position 0") && e.getMessage().contains("element token"), e.getMessage());
        UnknownTokenException u = assertThrows(UnknownTokenException.class,
                () -> detok.decode(new Segment("molecule", new int[] {2, cx, cy, tok.vocabularySize()})));
        assertEquals(3, u.position());
        assertThrows(IllegalArgumentException.class, () -> detok.decode(new Segment("text", new int[] {2, cx, cy, cz})));
        assertThrows(IllegalArgumentException.class, () -> detok.decode(new Segment("molecule", new int[0])));
    }

    @Test
    void config_rejectsBadFieldsByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MoleculeTokenizerConfig(List.of("C"), 0, 1, 1, 1, false));
        assertTrue(e.getMessage().contains("gridStep (0.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MoleculeTokenizerConfig(List.of("C", "Qq"), 0.2, 1, 1, 1, false));
        assertTrue(e.getMessage().contains("'Qq'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MoleculeTokenizerConfig(List.of("C"), 0.2, -1, 1, 1, false));
        assertTrue(e.getMessage().contains("halfX (-1.0)"), e.getMessage());
    }
}
