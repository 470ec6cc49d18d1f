package dev.tessera.pointcloud.task;

import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.render.PointCloudRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Batched generation through the core {@link Generator} and the renders both shape tasks write. */
final class TaskGeneration {
    /** Rows per generation batch (bounds the KV cache's memory). */
    static final int BATCH = 64;
    /** Pixels per view of the renders. */
    static final int VIEW = 128;

    private TaskGeneration() { }

    /**
     * Generates continuations of many prompts in batches of {@link #BATCH}; row {@code i} samples
     * with seed {@code config.seed() + i}, whatever the batching.
     *
     * @param model the model (read only)
     * @param layout its layout
     * @param prompts global-id prompts
     * @param config sampling settings
     * @param constraints processors run after the head constraint
     * @return one result per prompt
     */
    static List<GenerationResult> generate(DecoderModel model, VocabularyLayout layout, List<int[]> prompts,
            SamplingConfig config, List<LogitsProcessor> constraints) {
        Generator gen = new Generator(new DjlDecodeEngine(model), layout);
        List<GenerationResult> out = new ArrayList<>();
        for (int from = 0; from < prompts.size(); from += BATCH) {
            List<int[]> chunk = prompts.subList(from, Math.min(prompts.size(), from + BATCH));
            out.addAll(gen.generateBatch(chunk, config.withSeed(config.seed() + from), constraints, null));
        }
        return out;
    }

    /**
     * Renders labelled clouds (three views per row) to a PNG in a folder.
     *
     * @param dir the folder (created if missing)
     * @param name the file name
     * @param clouds unit-cube voxel-centre clouds
     * @param labels one label per cloud
     * @param depth their octree depth (sets the splat size)
     * @return the file name
     * @throws IOException if the file cannot be written
     */
    static String render(Path dir, String name, List<float[]> clouds, List<String> labels, int depth)
            throws IOException {
        Files.createDirectories(dir);
        List<PointCloud> pcs = new ArrayList<>();
        for (float[] c : clouds) {
            pcs.add(PointCloud.of(c));
        }
        new PointCloudRenderer(VIEW, PointCloudRenderer.voxelSplat(VIEW, depth)).write(dir.resolve(name), pcs, labels);
        return name;
    }
}
