package dev.tessera.core.fuzz;

import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.io.Safetensors;

/** Replays sdk-core's corpus of bad safetensors files and bundles (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        switch (k.format()) {
            case "safetensors":
                Safetensors.read(k.file());
                break;
            case "bundle":
                ModelBundle.load(k.file()).close();
                break;
            default:
                throw new AssertionError("no reader for " + k.format());
        }
    }
}
