package dev.tessera.vision.vq;

/**
 * Shape and training constants of a {@link VqAutoencoder}.
 *
 * @param imageSize the square image side in pixels (e.g. 28)
 * @param channels 1 (gray) or 3 (RGB)
 * @param downsample the side of the pixel patch each token covers, a power of two (4 turns 28x28 into 7x7 = 49 tokens)
 * @param codebookSize the number of codes (e.g. 512)
 * @param hidden the widest convolution's channel count (e.g. 64)
 * @param commitment weight of the commitment loss {@code |z - sg(q)|^2} (e.g. 0.25)
 * @param emaDecay decay of the EMA codebook updates (e.g. 0.99)
 * @param deadCodeThreshold a code whose EMA count falls below this is restarted from a live encoder output
 */
public record VqConfig(int imageSize, int channels, int downsample, int codebookSize, int hidden, double commitment,
        double emaDecay, double deadCodeThreshold) {

    /** Validates the fields. */
    public VqConfig {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels (" + channels + ") must be 1 or 3");
        }
        if (downsample < 2 || Integer.bitCount(downsample) != 1) {
            throw new IllegalArgumentException("downsample (" + downsample + ") must be a power of two >= 2");
        }
        if (imageSize < downsample || imageSize % downsample != 0) {
            throw new IllegalArgumentException("imageSize (" + imageSize + ") must be a positive multiple of downsample ("
                    + downsample + ")");
        }
        if (codebookSize < 2) {
            throw new IllegalArgumentException("codebookSize (" + codebookSize + ") must be >= 2");
        }
        if (hidden < 4) {
            throw new IllegalArgumentException("hidden (" + hidden + ") must be >= 4");
        }
        if (!(commitment >= 0)) {
            throw new IllegalArgumentException("commitment (" + commitment + ") must be >= 0");
        }
        if (!(emaDecay > 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("emaDecay (" + emaDecay + ") must be in (0, 1)");
        }
        if (!(deadCodeThreshold >= 0)) {
            throw new IllegalArgumentException("deadCodeThreshold (" + deadCodeThreshold + ") must be >= 0");
        }
    }

    /**
     * The default for 28x28 images: 7x7 = 49 tokens, 512 codes.
     *
     * @param channels 1 or 3
     * @return the config
     */
    public static VqConfig small28(int channels) {
        return new VqConfig(28, channels, 4, 512, 64, 0.25, 0.99, 0.05);
    }

    /** @return the token grid side ({@code imageSize / downsample}) */
    public int grid() {
        return imageSize / downsample;
    }

    /** @return tokens per image */
    public int tokensPerImage() {
        return grid() * grid();
    }

    /** @return the code vector length ({@code channels * downsample^2}) */
    public int codeDim() {
        return channels * downsample * downsample;
    }
}
