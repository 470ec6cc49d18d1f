package dev.tessera.core.train;

import java.nio.file.Path;

/**
 * A training listener that ends a run right after the checkpoint of one step, as a {@code kill -9} between two
 * steps would: the run throws {@link Killed}, leaving the checkpoint of that step and nothing after it.
 */
public final class SimulatedKill implements TrainingListener {
    /** The failure a killed run ends with. */
    public static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(long step) {
            super("killed (simulated) after the checkpoint of step " + step);
        }
    }

    private final long step;

    /**
     * A kill after the checkpoint written when {@code step} steps are done.
     *
     * @param step the steps done when the run dies
     */
    public SimulatedKill(long step) {
        this.step = step;
    }

    @Override
    public void onCheckpoint(long done, Path path) {
        if (done == step) {
            throw new Killed(done);
        }
    }
}
