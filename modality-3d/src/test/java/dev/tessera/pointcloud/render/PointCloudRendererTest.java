package dev.tessera.pointcloud.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.pointcloud.data.ProceduralShapes;
import dev.tessera.pointcloud.geom.PointCloud;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointCloudRendererTest {

    @Test
    void writesPngWithPointsInEachOfThreeViews(@TempDir Path dir) throws Exception {
        PointCloud c = ProceduralShapes.dataset(1, 1000, 1).get(0).points();
        Path png = dir.resolve("r.png");
        new PointCloudRenderer(64, 1).write(png, List.of(c, c), List.of("a", "b"));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(192, img.getWidth());
        assertEquals(2 * (64 + 18), img.getHeight());
        for (int v = 0; v < 3; v++) {
            int coloured = 0;
            for (int y = 18; y < 18 + 64; y++) {
                for (int x = v * 64 + 1; x < (v + 1) * 64; x++) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    int r = rgb >> 16;
                    int b = rgb & 0xff;
                    if (b > r + 20) {
                        coloured++;
                    }
                }
            }
            assertTrue(coloured > 100, "view " + v + " has " + coloured + " splat pixels");
        }
    }
}
