package dev.tessera.samples.pointcloud;

import dev.tessera.pointcloud.generate.ShapeEval;
import dev.tessera.pointcloud.generate.ShapeEvalResult;
import dev.tessera.pointcloud.generate.ShapeGenConfig;
import dev.tessera.samples.demo.DemoContext;
import dev.tessera.samples.demo.DemoPart;
import dev.tessera.samples.demo.DemoResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The 3D section of {@code tessera demo}: class-conditioned octree shapes, PLY files and PNG renders. */
public final class PointCloudDemoPart implements DemoPart {

    @Override
    public String name() {
        return "pointcloud";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public DemoResult run(DemoContext context) throws Exception {
        ShapeGenConfig c = context.quick() ? ShapeGenConfig.quick(context.seed()) : ShapeGenConfig.full(context.seed());
        Path dir = context.outDir().resolve("pointcloud");
        Path meshes = Path.of(System.getProperty("tessera.project.dir", ".")).resolve("data/3d/cgal/data/meshes");
        ShapeEvalResult r = ShapeEval.run(new ShapeEval.Options(c, null, null,
                context.quick() || !Files.isDirectory(meshes) ? null : meshes, dir, 0.01, context.log()));
        Map<String, Object> m = ShapeEvalJson.of(r);
        StringBuilder md = new StringBuilder("## 3D shapes (pointcloud)\n\n");
        md.append(String.format(Locale.ROOT, "Class-conditioned octree generation at depth %d (%.0f masks per shape on"
                + " average, at most %d), %d training steps in %.0f s. Generated %d shapes: **%.1f%%** classified as"
                + " the requested class by a separate kNN classifier trained on procedural samples only"
                + " (its own held-out accuracy %.1f%%); COV %.3f, MMD %.4f, **1-NNA %.3f** (0.5 is ideal; Chamfer"
                + " distance, unit cube, against held-out procedural shapes through the same tokenizer).%n%n",
                r.depth(), r.tokensPerShape(), r.maxTokensPerShape(), c.steps(), r.trainSeconds(), r.generated(),
                100 * r.genClassAccuracy(), 100 * r.classifierAccuracy(), r.cov(), r.mmd(), r.oneNna()));
        if (r.reconShapes() > 0) {
            md.append(String.format(Locale.ROOT, "Tokenizer round trip on %d real CGAL meshes at depth %d: %.0f tokens"
                    + " per shape, F@%.2f = %.3f, Chamfer %.4f against the encoded points.%n%n", r.reconShapes(),
                    r.reconDepth(), r.reconTokensPerShape(), r.tau(), r.reconFscore(), r.reconChamfer()));
        }
        if (context.quick()) {
            md.append("Quick mode: a few training steps only, so the shapes are rough; run `tessera demo` or"
                    + " `tessera shape-eval` for the full budget.\n\n");
        }
        md.append("Generated shapes are in `pointcloud/generated-<class>-<n>.ply`. Renders (front, side, top;"
                + " brighter = nearer):\n\n");
        for (String png : r.pngs()) {
            md.append("![shapes](pointcloud/").append(png).append(")\n\n");
        }
        return new DemoResult(m, md.toString());
    }
}
