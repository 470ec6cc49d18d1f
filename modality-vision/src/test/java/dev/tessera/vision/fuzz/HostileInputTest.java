package dev.tessera.vision.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.fuzz.HostileInputContract;
import dev.tessera.vision.data.IdxReader;
import dev.tessera.vision.image.Images;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        if (k.format().equals("idx")) {
            IdxReader.read(k.file());
        } else {
            Images.read(k.file());
        }
    }
}
