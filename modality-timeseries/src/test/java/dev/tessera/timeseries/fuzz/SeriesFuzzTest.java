package dev.tessera.timeseries.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.tessera.core.fuzz.FuzzSupport;
import dev.tessera.timeseries.data.SeriesManifest;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.data.TimeSeriesCsv;
import java.io.IOException;
import java.nio.file.Path;

/** Fuzzes {@link TimeSeriesCsv#read(Path)} and {@link SeriesManifest#read(Path)}: a series or a located {@link IOException}. */
class SeriesFuzzTest {

    @FuzzTest
    void csv(byte[] data) throws IOException {
        Path f = FuzzSupport.file(data, "series.csv");
        TimeSeries s;
        try {
            s = TimeSeriesCsv.read(f);
        } catch (IOException e) {
            FuzzSupport.assertNamesSource(e, f.toString());
            return;
        }
        if (s.length() < 1 || s.channelCount() < 1) {
            throw new AssertionError("accepted an empty series");
        }
        java.time.LocalDateTime[] t = s.timestamps();
        for (int i = 1; t != null && i < s.length(); i++) {
            if (!t[i].isAfter(t[i - 1])) {
                throw new AssertionError("accepted time stamps out of order at row " + i);
            }
        }
    }

    @FuzzTest
    void manifest(byte[] data) throws IOException {
        Path f = FuzzSupport.file(data, "manifest.csv");
        try {
            SeriesManifest.read(f.getParent());
        } catch (IOException e) {
            FuzzSupport.assertNamesSource(e, f.toString());
        }
    }
}
