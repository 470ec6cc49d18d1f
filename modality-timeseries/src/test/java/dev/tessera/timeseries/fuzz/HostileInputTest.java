package dev.tessera.timeseries.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.fuzz.HostileInputContract;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import java.nio.file.Files;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest extends HostileInputContract {

    @Override
    protected void read(HostileCorpus.Case k) throws Exception {
        switch (k.format()) {
            case "csv":
                TimeSeriesCsv.read(k.file());
                break;
            case "manifest": {
                java.nio.file.Path dir = Files.createTempDirectory("manifest");
                Files.copy(k.file(), dir.resolve("manifest.csv"));
                try {
                    SeriesManifest.read(dir);
                } catch (CorruptFileException e) {
                    throw new CorruptFileException(k.file().toString(), e.getMessage().replace(dir + "/", ""), e);
                }
                break;
            }
            default:
                throw new AssertionError("no reader for " + k.format());
        }
    }
}
