package dev.tessera.core.train;

import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a long training run survives being killed: where its checkpoint goes, how often it is written, the
 * checkpoint to continue from, and the facts about the run that a checkpoint must share to be continued.
 * {@link TrainingLoop#checkpoints} applies them.
 *
 * @param file where checkpoints are written (atomically, replacing the last), or null for none
 * @param every write one every this many steps and at the end (0: only at the end); needs a file
 * @param resumeFrom a checkpoint to continue from, or null to start afresh
 * @param identity facts of the run written into every checkpoint and required to be equal on resume (the
 *     command, the data's digest...; see {@link TrainingLoop#identity}); keys are letters, digits, {@code _}
 *     and {@code .}
 */
public record Checkpoints(Path file, int every, Path resumeFrom, Map<String, String> identity) {
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
        for (String k : identity.keySet()) {
            if (!k.matches("[A-Za-z0-9_.]+")) {
                throw new IllegalArgumentException("identity key '" + k + "' must be letters, digits, '_' or '.'");
            }
        }
        identity = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(identity));
    }

    /**
     * Settings without identity facts of the caller's own.
     *
     * @param file where checkpoints are written, or null for none
     * @param every write one every this many steps and at the end (0: only at the end)
     * @param resumeFrom a checkpoint to continue from, or null
     */
    public Checkpoints(Path file, int every, Path resumeFrom) {
        this(file, every, resumeFrom, Map.of());
    }

    /** @return whether these settings write or read a checkpoint at all */
    public boolean active() {
        return file != null || resumeFrom != null;
    }

    /**
     * The same settings with one more identity fact.
     *
     * @param key the fact's name
     * @param value its value
     * @return the copy
     */
    public Checkpoints withIdentity(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(identity);
        m.put(key, java.util.Objects.requireNonNull(value, "value"));
        return new Checkpoints(file, every, resumeFrom, m);
    }

    /**
     * Checks the checkpoint to resume from before a run does any work: that it exists, is a Tessera training
     * checkpoint of this format version, and has this run's {@link #identity} facts. Only the header is read;
     * {@link TrainingLoop#resume} checks the rest (model, schedule, every tensor) before it changes anything.
     *
     * @throws NoSuchFileException if there is no checkpoint to resume from
     * @throws CorruptFileException if it is not a readable checkpoint
     * @throws IllegalArgumentException if it belongs to another run (the message names the fact that differs)
     * @throws IOException if it cannot be read
     */
    public void checkResumable() throws IOException {
        if (resumeFrom == null) {
            return;
        }
        if (!Files.isRegularFile(resumeFrom)) {
            throw new NoSuchFileException(resumeFrom.toString(), null, "--resume: no checkpoint to resume from "
                    + "(run with --checkpoint-every N first)");
        }
        checkMetadata(resumeFrom.toString(), Safetensors.read(resumeFrom).metadata(), identity);
    }

    /** The checks of a checkpoint's metadata shared by {@link #checkResumable} and {@link TrainingLoop#resume}. */
    static void checkMetadata(String src, Map<String, String> meta, Map<String, String> identity)
            throws CorruptFileException {
        if (!"tessera-checkpoint".equals(meta.get("format"))) {
            throw new CorruptFileException(src, "not a Tessera training checkpoint (metadata format="
                    + meta.get("format") + ")");
        }
        if (!Integer.toString(TrainingLoop.CHECKPOINT_VERSION).equals(meta.get("format_version"))) {
            throw new CorruptFileException(src, "checkpoint format_version " + meta.get("format_version")
                    + " is not supported (this build reads " + TrainingLoop.CHECKPOINT_VERSION + ")");
        }
        for (Map.Entry<String, String> e : identity.entrySet()) {
            String saved = meta.get("run." + e.getKey());
            if (!e.getValue().equals(saved)) {
                throw new IllegalArgumentException(src + ": checkpoint has " + e.getKey() + " = " + saved
                        + ", this run has " + e.getValue() + "; a resumed run must continue the same run");
            }
        }
    }
}
