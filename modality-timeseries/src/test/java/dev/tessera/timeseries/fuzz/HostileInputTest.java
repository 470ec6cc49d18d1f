package dev.tessera.timeseries.fuzz;

import dev.tessera.core.fuzz.HostileCorpus;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays this module's corpus of bad inputs (see {@link HostileCorpus}). */
class HostileInputTest {

    static List<HostileCorpus.Case> cases() {
        return HostileCorpus.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithALocatedError(HostileCorpus.Case c) {
        HostileCorpus.assertRejected(c, CorruptFileException.class, k -> {
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
        });
    }
}
