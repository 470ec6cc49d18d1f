package dev.tessera.vision.vq;

/** Peak signal-to-noise ratio for pixels in [0, 1]: {@code 10 log10(1 / mse)}, capped at 100 dB. */
public final class Psnr {
    /** The value reported for a perfect reconstruction. */
    public static final double MAX_DB = 100;

    private Psnr() {
    }

    /**
     * Converts a mean squared error.
     *
     * @param mse the MSE of pixels in [0, 1]
     * @return the PSNR in dB
     */
    public static double fromMse(double mse) {
        if (!(mse >= 0)) {
            throw new IllegalArgumentException("MSE " + mse + " is negative or NaN");
        }
        return mse <= 1e-10 ? MAX_DB : Math.min(MAX_DB, 10 * Math.log10(1 / mse));
    }

    /**
     * Returns the mean of per-image PSNR between packed originals and reconstructions; the
     * reconstruction is clamped to [0, 1] first.
     *
     * @param original packed images
     * @param recon packed reconstructions, same length
     * @param imageSize values per image
     * @return the mean PSNR in dB
     */
    public static double meanPerImage(float[] original, float[] recon, int imageSize) {
        if (original.length != recon.length || original.length % imageSize != 0 || original.length == 0) {
            throw new IllegalArgumentException("cannot compare " + original.length + " and " + recon.length
                    + " values in images of " + imageSize);
        }
        int n = original.length / imageSize;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double se = 0;
            for (int j = i * imageSize; j < (i + 1) * imageSize; j++) {
                double r = Math.max(0, Math.min(1, recon[j]));
                double e = original[j] - r;
                se += e * e;
            }
            sum += fromMse(se / imageSize);
        }
        return sum / n;
    }
}
