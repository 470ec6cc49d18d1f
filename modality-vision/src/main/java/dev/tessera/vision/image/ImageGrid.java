package dev.tessera.vision.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Lays images out in a grid (one row per label, with the label written at the left) and writes it
 * as one PNG, atomically. Cells are upscaled by an integer factor with nearest-neighbour pixels.
 */
public final class ImageGrid {
    private ImageGrid() {
    }

    /**
     * Writes a grid.
     *
     * @param path the PNG file
     * @param rows images per row (rows may differ in length)
     * @param rowLabels one label per row (may be {@code null})
     * @param scale integer upscaling of every pixel, at least 1
     * @throws IOException if writing fails (the target is then untouched)
     */
    public static void write(Path path, List<List<ImageData>> rows, List<String> rowLabels, int scale) throws IOException {
        Images.writeBuffered(path, render(rows, rowLabels, scale));
    }

    /**
     * Renders a grid.
     *
     * @param rows images per row
     * @param rowLabels one label per row or {@code null}
     * @param scale integer upscaling, at least 1
     * @return the picture (RGB)
     */
    public static BufferedImage render(List<List<ImageData>> rows, List<String> rowLabels, int scale) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an image grid needs at least one row");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("scale (" + scale + ") must be >= 1");
        }
        if (rowLabels != null && rowLabels.size() != rows.size()) {
            throw new IllegalArgumentException(rowLabels.size() + " labels for " + rows.size() + " rows");
        }
        int cw = 0;
        int ch = 0;
        int cols = 0;
        for (List<ImageData> r : rows) {
            cols = Math.max(cols, r.size());
            for (ImageData im : r) {
                cw = Math.max(cw, im.width() * scale);
                ch = Math.max(ch, im.height() * scale);
            }
        }
        if (cols == 0) {
            throw new IllegalArgumentException("an image grid needs at least one image");
        }
        int pad = 2;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        int labelWidth = 0;
        if (rowLabels != null) {
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            for (String l : rowLabels) {
                labelWidth = Math.max(labelWidth, probe.getFontMetrics(font).stringWidth(l) + 10);
            }
            probe.dispose();
        }
        int w = labelWidth + cols * (cw + pad) + pad;
        int h = rows.size() * (ch + pad) + pad;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(40, 40, 48));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(font);
        for (int r = 0; r < rows.size(); r++) {
            int y0 = pad + r * (ch + pad);
            if (rowLabels != null) {
                g.setColor(Color.WHITE);
                g.drawString(rowLabels.get(r), 4, y0 + ch / 2 + 4);
            }
            for (int c = 0; c < rows.get(r).size(); c++) {
                BufferedImage cell = Images.toBufferedImage(rows.get(r).get(c));
                int x0 = labelWidth + pad + c * (cw + pad);
                g.drawImage(cell, x0, y0, cell.getWidth() * scale, cell.getHeight() * scale, null);
            }
        }
        g.dispose();
        return out;
    }
}
