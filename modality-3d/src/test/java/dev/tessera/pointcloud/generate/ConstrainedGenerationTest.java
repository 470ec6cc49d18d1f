package dev.tessera.pointcloud.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.data.ShapeClass;
import dev.tessera.pointcloud.octree.OctreeCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstrainedGenerationTest {

    @Test
    void constraint_leavesOnlyValidMasksThenOnlyEnd() {
        ShapeLayout sl = new ShapeLayout();
        VocabularyLayout l = sl.layout();
        OctreeConstraint c = new OctreeConstraint(l, ShapeLayout.POINTS_MODALITY, 2, 20);
        float[] logits = new float[l.size()];
        c.apply(logits);
        int off = l.offset(ShapeLayout.POINTS_MODALITY);
        for (int id = 0; id < l.size(); id++) {
            boolean mask = id > off && id < off + 256;
            assertEquals(mask, Float.isFinite(logits[id]), "id " + id);
        }
        c.accept(off + 3); // root with two children
        c.accept(off + 1);
        c.accept(off + 128);
        logits = new float[l.size()];
        c.apply(logits);
        for (int id = 0; id < l.size(); id++) {
            assertEquals(id == l.end(ShapeLayout.POINTS_MODALITY), Float.isFinite(logits[id]), "id " + id);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.accept(off + 5));
        assertTrue(e.getMessage().contains("END"), e.getMessage());
        c.accept(l.end(ShapeLayout.POINTS_MODALITY));
        assertTrue(c.finished());
    }

    /** An untrained model samples near-uniform masks: the constraint alone must keep every tree valid. */
    @Test
    void generatedStreams_alwaysDecodeToValidOctrees() {
        ShapeLayout sl = new ShapeLayout();
        ModelConfig mc = ModelConfig.modern(sl.layout().size(), 64, 1, 2, 16);
        int depth = 3;
        int budget = 64 - ShapeLayout.PROMPT_LENGTH - 2;
        try (DecoderModel model = DecoderModel.create(mc, 3, Device.cpu())) {
            List<ShapeClass> wanted = new ArrayList<>();
            int[][] prompts = new int[12][];
            for (int i = 0; i < prompts.length; i++) {
                ShapeClass c = ShapeClass.values()[i % ShapeClass.values().length];
                wanted.add(c);
                prompts[i] = sl.prompt(c);
            }
            for (long seed = 0; seed < 3; seed++) {
                List<OctreeConstraint> cons = ConstrainedSampler.fresh(prompts.length,
                        () -> new OctreeConstraint(sl.layout(), ShapeLayout.POINTS_MODALITY, depth, budget));
                int[][] out = new ConstrainedSampler(model, 1.5).generate(prompts, cons, seed);
                int off = sl.layout().offset(ShapeLayout.POINTS_MODALITY);
                for (int[] row : out) {
                    assertEquals(sl.layout().end(ShapeLayout.POINTS_MODALITY), row[row.length - 1]);
                    int[] masks = Arrays.stream(Arrays.copyOf(row, row.length - 1)).map(id -> id - off).toArray();
                    assertTrue(masks.length <= budget, masks.length + " > " + budget);
                    long[] leaves = new OctreeCodec(depth).decodeVoxels(masks); // throws if invalid
                    assertTrue(leaves.length >= 1);
                }
            }
        }
    }

    @Test
    void savedGenerator_loadsAndGeneratesTheSameShapes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        ShapeGenConfig c = new ShapeGenConfig(2, 1, 2, 16, 40, 1, 2, 1e-3, 1, 2, 1.0, 5);
        List<ShapeClass> wanted = List.of(ShapeClass.TORUS, ShapeClass.CHAIR, ShapeClass.CUBE);
        java.nio.file.Path file = dir.resolve("g.safetensors");
        int[][] before;
        try (ShapeGenerator g = ShapeGenerator.create(c)) {
            before = g.generateMasks(wanted, 11);
            g.save(file);
        }
        try (ShapeGenerator g = ShapeGenerator.load(file)) {
            assertEquals(c, g.config());
            int[][] after = g.generateMasks(wanted, 11);
            for (int i = 0; i < before.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(before[i], after[i]);
            }
        }
        java.nio.file.Files.writeString(dir.resolve("bad.safetensors"), "not a model");
        assertThrows(java.io.IOException.class, () -> ShapeGenerator.load(dir.resolve("bad.safetensors")));
    }
}
