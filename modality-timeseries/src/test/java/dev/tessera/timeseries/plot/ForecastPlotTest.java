package dev.tessera.timeseries.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.eval.Baselines;
import dev.tessera.timeseries.eval.Metrics;
import dev.tessera.timeseries.forecast.Forecast;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastPlotTest {
    @TempDir
    Path dir;

    @Test
    void writePng_drawsAReadableChartWithShadedBands() throws Exception {
        System.setProperty("java.awt.headless", "true");
        double[] h = new double[60];
        for (int i = 0; i < h.length; i++) {
            h[i] = 10 + 3 * Math.sin(2 * Math.PI * i / 12) + 0.1 * i;
        }
        Forecast f = Baselines.seasonalNaive("demo", h, 12, 12, Metrics.WQL_LEVELS);
        Path png = dir.resolve("f.png");
        ForecastPlot.writePng(png, h, f, null, "seasonal naive");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(520, img.getHeight());
        int blueish = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                int b = rgb & 255;
                if (b > r + 20) {
                    blueish++;
                }
            }
        }
        assertTrue(blueish > 500, "bands and median should colour the forecast region, got " + blueish);
    }
}
