package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.io.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmlReaderTest {

    private static Molecule parse(String xml) throws IOException {
        return CmlReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.cml", "test");
    }

    @Test
    void read_fixture_givesAtomsBondsAndCoordinates() throws IOException {
        Molecule m = MoleculeFixtures.fixture();
        assertEquals("2-chloroethanol", m.name());
        assertEquals(9, m.size());
        assertEquals(Map.of("C", 2, "Cl", 1, "H", 5, "O", 1), m.elementCounts());
        assertEquals("Cl", m.atom(0).element());
        assertEquals(1.79, m.atom(1).x(), 1e-9);
        assertEquals(2.071731, m.atom(3).y(), 1e-9);
        assertEquals(8, m.bonds().size());
        assertEquals(new Bond(0, 1, 1), m.bonds().get(0));
        Molecule heavy = m.withoutHydrogens();
        assertEquals(4, heavy.size());
        assertEquals(3, heavy.bonds().size(), "bonds to hydrogens are dropped, the others re-indexed");
        assertEquals(new Bond(2, 3, 1), heavy.bonds().get(2));
    }

    @Test
    void read_arrayForms_giveTheSameMoleculeAsAtomElements() throws IOException {
        Molecule attrs = parse("<molecule xmlns='http://www.xml-cml.org/schema'><atomArray atomID='a1 a2 a3' "
                + "elementType='C O H' x3='0 1.4 1.8' y3='0 0 0.9' z3='0 0 0.1'/>"
                + "<bondArray><bond atomRefs2='a1 a2' order='1'/><bond atomRefs2='a2 a3' order='S'/></bondArray></molecule>");
        Molecule arrays = parse("<molecule><atomArray><stringArray builtin='atomId'>a1 a2 a3</stringArray>"
                + "<stringArray builtin='elementType'>C O H</stringArray><floatArray builtin='x3'>0 1.4 1.8</floatArray>"
                + "<floatArray builtin='y3'>0 0 0.9</floatArray><floatArray builtin='z3'>0 0 0.1</floatArray></atomArray>"
                + "<bondArray><bond atomRefs2='a1 a2' order='1'/><bond atomRefs2='a2 a3' order='1'/></bondArray></molecule>");
        Molecule atoms = parse("<molecule><atomArray><atom id='a1' elementType='C' x3='0' y3='0' z3='0'/>"
                + "<atom id='a2' elementType='O' x3='1.4' y3='0' z3='0'/><atom id='a3' elementType='H' x3='1.8' y3='0.9' "
                + "z3='0.1'/></atomArray><bondArray><bond atomRefs2='a1 a2' order='1'/><bond atomRefs2='a2 a3' "
                + "order='1'/></bondArray></molecule>");
        assertEquals(atoms, attrs);
        assertEquals(atoms, arrays);
        assertEquals(List.of(new Bond(0, 1, 1), new Bond(1, 2, 1)), atoms.bonds());
    }

    @Test
    void read_realFolder_readsEveryFileWithThreeDimensionalAtoms() throws IOException {
        List<Molecule> all = MoleculeFixtures.realMolecules();
        assertEquals(568, all.size(), "the Debian package ships 568 CML files");
        int atoms = 0;
        int bonds = 0;
        for (Molecule m : all) {
            assertTrue(m.size() >= 1, m.name());
            assertTrue(!m.bonds().isEmpty() || m.size() == 1, m.name() + " has bonds");
            atoms += m.size();
            bonds += m.bonds().size();
        }
        assertEquals(10955, atoms, "atoms in all files (grep -c '<atom ')");
        assertEquals(10718, bonds, "bonds in all files (grep -c '<bond ')");
    }

    @Test
    void read_truncatedFile_namesFileAndLine(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(MoleculeFixtures.fixturePath());
        Path cut = dir.resolve("cut.cml");
        Files.write(cut, java.util.Arrays.copyOf(full, full.length / 2));
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> CmlReader.read(cut));
        assertTrue(e.getMessage().contains(cut.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("malformed XML at line"), e.getMessage());
    }

    @Test
    void read_missingFile_saysNotFound(@TempDir Path dir) {
        Path none = dir.resolve("none.cml");
        IOException e = assertThrows(IOException.class, () -> CmlReader.read(none));
        assertTrue(e.getMessage().contains("none.cml"), e.getMessage());
    }

    @Test
    void read_malformedAtoms_namesTheAtom() {
        String noElement = "<molecule><atomArray><atom id='a1' elementType='C' x3='0' y3='0' z3='0'/>"
                + "<atom id='a2' x3='1' y3='0' z3='0'/></atomArray></molecule>";
        assertMessage(noElement, "atom 2 (id 'a2') has no elementType");
        assertMessage("<molecule><atomArray><atom id='a1' elementType='C' x2='0' y2='1'/></atomArray></molecule>",
                "atom 1 (id 'a1') has only 2D coordinates");
        assertMessage("<molecule><atomArray><atom id='q' elementType='C' x3='0' y3='zero' z3='0'/></atomArray></molecule>",
                "atom 1 (id 'q'): y3='zero' is not a finite number");
        assertMessage("<molecule><atomArray><atom id='q' elementType='C' x3='0' y3='0'/></atomArray></molecule>",
                "has no z3 attribute");
        assertMessage("<molecule><atomArray><atom id='q' elementType='carbon' x3='0' y3='0' z3='0'/></atomArray></molecule>",
                "elementType 'carbon', not an element symbol");
        assertMessage("<molecule><atomArray elementType='C O' x3='0 1' y3='0 0' z3='0'/></molecule>",
                "lists 2 elements but 1 z3 values");
        assertMessage("<molecule><atomArray><atom id='a1' elementType='C' x3='0' y3='0' z3='0'/></atomArray>"
                + "<bondArray><bond atomRefs2='a1 a9' order='1'/></bondArray></molecule>", "bond 1: atomRefs2 'a1 a9'");
        assertMessage("<cml><name>x</name></cml>", "no <molecule> element");
        assertMessage("<molecule><atomArray/></molecule>", "holds no atoms");
    }

    private static void assertMessage(String xml, String expected) {
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> parse(xml));
        assertTrue(e.getMessage().startsWith("test.cml: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void xyzWriter_writesCountNameAndOneLinePerAtom(@TempDir Path dir) throws IOException {
        Molecule m = MoleculeFixtures.fixture();
        Path f = dir.resolve("sub/out.xyz");
        XyzWriter.write(f, m);
        List<String> lines = Files.readAllLines(f);
        assertEquals(2 + m.size(), lines.size());
        assertEquals("9", lines.get(0));
        assertEquals("2-chloroethanol", lines.get(1));
        String[] cl = lines.get(2).trim().split("\\s+");
        assertEquals("Cl", cl[0]);
        String[] c = lines.get(3).trim().split("\\s+");
        assertEquals(1.79, Double.parseDouble(c[1]), 1e-6);
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
    }
}
