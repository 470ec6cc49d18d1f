package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.core.train.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The flags of every long-running training command that survives a kill: {@code --checkpoint-every N},
 * {@code --checkpoint FILE} and {@code --resume [FILE]}. A checkpoint carries the command's name, so one
 * command refuses another's; {@link #checkpoints} checks the file to resume from before the command does
 * any work.
 */
public final class CheckpointOptions {
    /** The largest {@code --checkpoint-every}. */
    static final int MAX_EVERY = 100_000_000;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--checkpoint-every", defaultValue = "0", description = "Write a checkpoint (weights, optimizer "
            + "state, step) atomically every N steps and at the end; 0 = never (default: ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--checkpoint", description = "Checkpoint file (default: the --resume file, else the command's "
            + "own, see its description).")
    Path file;

    @Option(names = "--resume", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "Continue the run from this checkpoint (default: the --checkpoint file) with the same "
                    + "flags; the result is bit-identical to an uninterrupted run.")
    String resume;

    /** @return whether {@code --checkpoint-every}, {@code --checkpoint} or {@code --resume} was given */
    boolean requested() {
        return every != 0 || file != null || resume != null;
    }

    /**
     * The checkpoint settings of the flags, checked: the interval's range and, with {@code --resume}, that the
     * checkpoint exists and was written by this command with the same identity facts.
     *
     * @param defaultFile the command's checkpoint file when {@code --checkpoint} is not given, or null if it
     *     has none (then {@code --checkpoint-every} needs {@code --checkpoint})
     * @param identity facts of the run a checkpoint must share, as key/value pairs (may be empty)
     * @return the settings ({@link Checkpoints#NONE} when no flag was given)
     * @throws IOException if the checkpoint to resume from is missing, unreadable or of another run
     */
    Checkpoints checkpoints(Path defaultFile, String... identity) throws IOException {
        Limits.argument(every, 0, MAX_EVERY, "--checkpoint-every");
        if (!requested()) {
            return Checkpoints.NONE;
        }
        Path from = resume == null ? null : !resume.isEmpty() ? Path.of(resume) : file != null ? file : defaultFile;
        if (resume != null && from == null) {
            throw new IllegalArgumentException("--resume needs a checkpoint file: give --resume FILE or --checkpoint FILE");
        }
        Path to = file != null ? file : resume != null && !resume.isEmpty() ? from : defaultFile;
        if (every > 0 && to == null) {
            throw new IllegalArgumentException("--checkpoint-every " + every + " needs a checkpoint file: give "
                    + "--checkpoint FILE");
        }
        Checkpoints cp = new Checkpoints(to, every, from).withIdentity("command", command.name());
        for (int i = 0; i + 1 < identity.length; i += 2) {
            cp = cp.withIdentity(identity[i], identity[i + 1]);
        }
        cp.checkResumable();
        return cp;
    }
}
