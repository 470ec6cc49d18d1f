package dev.tessera.pointcloud.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.fuzz.HostileInputContract;
import dev.tessera.pointcloud.io.GeometryFiles;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        GeometryFiles.read(k.file());
    }
}
