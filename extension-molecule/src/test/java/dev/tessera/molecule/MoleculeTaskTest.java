package dev.tessera.molecule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.task.TaskContext;
import dev.tessera.core.task.TaskExample;
import dev.tessera.core.task.TaskScore;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MoleculeTaskTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** Two classes made of the fixture (and a copy of it moved), written into a temporary folder. */
    static Path tinyFolder(Path dir) throws IOException {
        for (String cls : List.of("haloalcohols", "chlorides")) {
            Files.createDirectories(dir.resolve(cls));
            Files.copy(MoleculeFixtures.fixturePath(), dir.resolve(cls).resolve("a.cml"));
        }
        Files.writeString(dir.resolve("chlorides/b.cml"), "<molecule><atomArray><atom id='a1' elementType='C' x3='0' "
                + "y3='0' z3='0'/><atom id='a2' elementType='Cl' x3='1.78' y3='0' z3='0'/></atomArray></molecule>");
        return dir;
    }

    private static void assertWellFramed(MoleculeTask task, VocabularyLayout layout, TaskExample ex,
            Map<String, Molecule> byClassAndName) {
        int[] ids = ex.ids();
        assertTrue(ids.length <= task.maxLength(), "length " + ids.length);
        assertEquals(layout.bos(), ids[0]);
        assertEquals(layout.begin("text"), ids[1]);
        assertEquals(layout.eos(), ids[ids.length - 1]);
        List<Segment> segs = TokenSequence.parse(layout, ids).segments();
        assertEquals(2, segs.size());
        assertEquals("text", segs.get(0).modality());
        assertEquals("molecule", segs.get(1).modality());
        byte[] b = new byte[segs.get(0).length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) segs.get(0).token(i);
        }
        String cls = new String(b, StandardCharsets.UTF_8);
        int promptLength = segs.get(0).length() + 4; // BOS BEGIN:text ... END:text BEGIN:molecule
        assertEquals(layout.begin("molecule"), ids[promptLength - 1]);
        float[] w = ex.weights();
        for (int t = 0; t < w.length; t++) {
            assertEquals(t >= promptLength - 1 ? 1f : 0f, w[t], "weight of target " + t);
        }
        Molecule decoded = task.modality().detokenizer().decode(segs.get(1));
        boolean matches = false;
        for (Map.Entry<String, Molecule> e : byClassAndName.entrySet()) {
            if (!e.getKey().startsWith(cls + "/")) {
                continue;
            }
            Molecule want = task.modality().tokenizer().canonical(e.getValue());
            if (want.size() != decoded.size()) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < want.size() && same; i++) {
                same = want.atom(i).element().equals(decoded.atom(i).element())
                        && want.atom(i).distanceTo(decoded.atom(i)) <= 0.2 * Math.sqrt(3) / 2 + 1e-9;
            }
            matches |= same;
        }
        assertTrue(matches, "the answer decodes to a molecule of class '" + cls + "'");
    }

    @Test
    void sample_tinyFolder_givesFramedExamplesThatDecodeToTheSource(@TempDir Path dir) throws Exception {
        Path root = tinyFolder(dir.resolve("data"));
        MoleculeTask task = new MoleculeTask(MoleculeTask.Options.standard().withDataRoot(root));
        task.prepare(new TaskContext(dir.resolve("out"), dir.resolve("cache"), true, 1, QUIET));
        assertEquals(List.of("chlorides", "haloalcohols"), task.classes());
        assertEquals(3, task.dataset().entries().size());
        VocabularyLayout layout = VocabularyLayout.framed(task.vocabularies());
        Map<String, Molecule> sources = new LinkedHashMap<>();
        for (MoleculeDataset.Entry e : task.dataset().entries()) {
            sources.put(e.className() + "/" + e.file().getFileName(), e.molecule());
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            assertWellFramed(task, layout, task.sample(layout, rng), sources);
        }
        assertArrayEquals(task.sample(layout, new SplittableRandom(9)).ids(),
                task.sample(layout, new SplittableRandom(9)).ids(), "same random state, same example");
    }

    @Test
    void sample_realFolder_examplesAreFramedAndAtMost160Ids() throws Exception {
        Path root = MoleculeFixtures.requireRealFolder();
        MoleculeTask task = MoleculeTask.standard();
        task.prepare(new TaskContext(null, null, true, 1, QUIET));
        VocabularyLayout layout = VocabularyLayout.framed(Map.of("text", 256, "molecule",
                task.modality().vocabularySize(), "image", 64));
        Map<String, Molecule> sources = new LinkedHashMap<>();
        for (MoleculeDataset.Entry e : task.dataset().entries()) {
            sources.put(e.className() + "/" + e.file().getFileName(), e.molecule());
        }
        assertTrue(task.dataset().entries().size() >= 560, "molecules kept: " + task.dataset().entries().size()
                + ", skipped " + task.skipped());
        SplittableRandom rng = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            assertWellFramed(task, layout, task.sample(layout, rng), sources);
        }
        for (String reason : task.skipped().values()) {
            assertTrue(reason.contains("> 160"), "only too-long molecules are skipped: " + reason);
        }
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void sample_beforePrepare_saysSo() {
        MoleculeTask task = MoleculeTask.standard();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> task.sample(VocabularyLayout.framed(task.vocabularies()), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("prepare"), e.getMessage());
    }

    @Test
    void evaluate_untrainedTinyModel_givesAFiniteScoreInRangeAndWellFormedMolecules(@TempDir Path dir) throws Exception {
        Path root = tinyFolder(dir.resolve("data"));
        MoleculeTask task = new MoleculeTask(MoleculeTask.Options.standard().withDataRoot(root).withSamplesPerClass(3, 3));
        TaskContext ctx = new TaskContext(dir.resolve("out"), dir.resolve("cache"), true, 2, QUIET);
        task.prepare(ctx);
        VocabularyLayout layout = VocabularyLayout.framed(task.vocabularies());
        try (DecoderModel model = DecoderModel.create(ModelConfig.gpt2(layout.size(), 160, 1, 2, 32), 7, Device.cpu())) {
            TaskScore s = task.evaluate(model, layout, ctx);
            assertEquals("validity", s.metric());
            assertTrue(s.higherIsBetter());
            assertTrue(Double.isFinite(s.score()) && s.score() >= 0 && s.score() <= 1, "score " + s.score());
            assertEquals(6, s.details().get("samples"));
            assertEquals(0, s.details().get("unfinished"), "the grammar lets every sample finish");
            for (String f : s.files()) {
                assertTrue(Files.isRegularFile(ctx.outDir().resolve(f)), f);
            }
        }
    }
}
