package dev.tessera.pointcloud.render;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.geom.UnitCubeTransform;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders point clouds to PNG: three orthographic views (front: x right, y up; side: z right, y
 * up; top: x right, z down), each point a small round splat shaded by depth (near = bright, far =
 * dark) with a z-buffer. Each cloud is first normalised to the unit cube.
 */
public final class PointCloudRenderer {
    private final int viewSize;
    private final int splat;

    /**
     * Creates a renderer.
     *
     * @param viewSize pixels per view side (at least 32)
     * @param splat splat radius in pixels (0 to 16; use about half a voxel for voxel-centre clouds)
     */
    public PointCloudRenderer(int viewSize, int splat) {
        if (viewSize < 32 || splat < 0 || splat > 16) {
            throw new IllegalArgumentException("viewSize (" + viewSize + ") must be >= 32 and splat (" + splat
                    + ") in [0, 16]");
        }
        this.viewSize = viewSize;
        this.splat = splat;
    }

    /**
     * Returns a splat radius that makes voxel centres at a depth touch (about half a voxel).
     *
     * @param viewSize pixels per view side
     * @param depth octree depth of the cloud
     * @return the radius in pixels
     */
    public static int voxelSplat(int viewSize, int depth) {
        return Math.max(1, Math.min(16, (int) Math.round(0.44 * viewSize / (1 << depth))));
    }

    /**
     * Renders rows of clouds, three views each, with an optional label per row.
     *
     * @param clouds the clouds, one row each
     * @param labels one label per row (or {@code null})
     * @return the image
     */
    public BufferedImage render(List<PointCloud> clouds, List<String> labels) {
        int label = labels == null ? 0 : 18;
        int w = 3 * viewSize;
        int rowH = viewSize + label;
        BufferedImage img = new BufferedImage(w, rowH * clouds.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int r = 0; r < clouds.size(); r++) {
            PointCloud c = clouds.get(r);
            int y0 = r * rowH;
            if (label > 0) {
                g.setColor(Color.BLACK);
                g.drawString(labels.get(r), 4, y0 + 13);
            }
            if (c.size() > 0) {
                float[] xyz = UnitCubeTransform.fit(c.xyz()).apply(c.xyz());
                for (int v = 0; v < 3; v++) {
                    view(img, xyz, v, v * viewSize, y0 + label);
                }
            }
            g.setColor(new Color(200, 200, 200));
            for (int v = 1; v < 3; v++) {
                g.drawLine(v * viewSize, y0 + label, v * viewSize, y0 + rowH - 1);
            }
            g.drawLine(0, y0 + rowH - 1, w, y0 + rowH - 1);
        }
        g.dispose();
        return img;
    }

    private void view(BufferedImage img, float[] xyz, int view, int ox, int oy) {
        // axes: u right, v up, depth toward the viewer
        int ua = view == 1 ? 2 : 0;
        int va = view == 2 ? 2 : 1;
        int da = view == 0 ? 2 : view == 1 ? 0 : 1;
        double daSign = view == 1 ? -1 : 1;
        float[] zbuf = new float[viewSize * viewSize];
        java.util.Arrays.fill(zbuf, Float.NEGATIVE_INFINITY);
        double margin = 0.06 * viewSize;
        double scale = viewSize - 2 * margin;
        for (int i = 0; i < xyz.length; i += 3) {
            double u = xyz[i + ua] + 0.5;
            double v = view == 2 ? xyz[i + va] + 0.5 : 0.5 - xyz[i + va];
            float depth = (float) (daSign * xyz[i + da]);
            int px = (int) Math.round(margin + u * scale);
            int py = (int) Math.round(margin + v * scale);
            float shade = Math.max(0f, Math.min(1f, depth + 0.5f));
            int grey = (int) (30 + 200 * shade);
            int rgb = new Color((int) (grey * 0.55), (int) (grey * 0.75), grey).getRGB();
            for (int dy = -splat; dy <= splat; dy++) {
                for (int dx = -splat; dx <= splat; dx++) {
                    if (dx * dx + dy * dy > splat * splat) {
                        continue;
                    }
                    int x = px + dx;
                    int y = py + dy;
                    if (x < 0 || y < 0 || x >= viewSize || y >= viewSize) {
                        continue;
                    }
                    int k = y * viewSize + x;
                    if (depth > zbuf[k]) {
                        zbuf[k] = depth;
                        img.setRGB(ox + x, oy + y, rgb);
                    }
                }
            }
        }
    }

    /**
     * Renders and writes a PNG atomically.
     *
     * @param file the target
     * @param clouds the clouds, one row each
     * @param labels one label per row (or {@code null})
     * @throws IOException on failure
     */
    public void write(Path file, List<PointCloud> clouds, List<String> labels) throws IOException {
        BufferedImage img = render(clouds, labels);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
