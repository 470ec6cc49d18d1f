package dev.tessera.samples.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.fuzz.HostileInputContract;
import dev.tessera.molecule.CmlReader;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        CmlReader.read(k.file());
    }
}
