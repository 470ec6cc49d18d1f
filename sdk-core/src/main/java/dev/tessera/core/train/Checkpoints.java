package dev.tessera.core.train;

import java.nio.file.Path;

/**
 * How a long training run survives being killed: where its checkpoint goes, how often it is written, and
 * the checkpoint to continue from.
 *
 * @param file where checkpoints are written (atomically, replacing the last), or null for none
 * @param every write one every this many steps and at the end (0: only at the end); needs a file
 * @param resumeFrom a checkpoint to continue from, or null to start afresh
 */
public record Checkpoints(Path file, int every, Path resumeFrom) {
    /** No checkpoints, no resume. */
    public static final Checkpoints NONE = new Checkpoints(null, 0, null);

    /** Validates the fields. */
    public Checkpoints {
        if (every < 0) {
            throw new IllegalArgumentException("--checkpoint-every (" + every + ") must be >= 0");
        }
        if (every > 0 && file == null) {
            throw new IllegalArgumentException("--checkpoint-every " + every + " needs a checkpoint file (--checkpoint)");
        }
    }
}
