package dev.tessera.core.train;

/** The loss or the gradient became NaN or infinite. */
public class TrainingDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param step the step at which it happened
     * @param what what was not finite and its value
     */
    public TrainingDivergedException(long step, String what) {
        super("training diverged at step " + step + ": " + what
                + " (try a lower learning rate, gradient clipping, or check the data for NaN)");
    }
}
