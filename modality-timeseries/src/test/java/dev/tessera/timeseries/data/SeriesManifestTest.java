package dev.tessera.timeseries.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeriesManifestTest {
    @TempDir
    Path dir;

    @Test
    void split_lastHorizonPointsAreTest_andTrainGapsInterpolated() throws IOException {
        Files.writeString(dir.resolve("manifest.csv"), "name,file,frequency,period,horizon,time_column\n"
                + "s,s.csv,quarterly,4,2,timestamp\n");
        Files.writeString(dir.resolve("s.csv"), "timestamp,value\n2000-01-01,1\n2000-04-01,\n2000-07-01,3\n"
                + "2000-10-01,4\n2001-01-01,\n2001-04-01,6\n");
        SeriesManifest m = SeriesManifest.read(dir);
        SeriesManifest.Split s = m.split(m.entries().get(0));
        assertEquals(4, s.entry().period());
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.train().values(0), 1e-12);
        assertEquals(2, s.test().length);
        assertTrue(Double.isNaN(s.test()[0]), "test gaps stay NaN");
        assertEquals(6, s.test()[1]);
    }

    @Test
    void backtest_holdsOutTheTrainingPartsLastHorizon_neverTheTestPart() throws IOException {
        Files.writeString(dir.resolve("manifest.csv"), "name,file,frequency,period,horizon,time_column\n"
                + "s,s.csv,quarterly,4,2,timestamp\n");
        Files.writeString(dir.resolve("s.csv"), "timestamp,value\n2000-01-01,1\n2000-04-01,2\n2000-07-01,3\n"
                + "2000-10-01,4\n2001-01-01,5\n2001-04-01,6\n2001-07-01,70\n2001-10-01,80\n");
        SeriesManifest m = SeriesManifest.read(dir);
        SeriesManifest.Split b = m.split(m.entries().get(0)).backtest();
        assertArrayEquals(new double[] {1, 2, 3, 4}, b.train().values(0), 1e-12);
        assertArrayEquals(new double[] {5, 6}, b.test(), 1e-12);
        assertEquals(6, b.full().length(), "the backtest's whole series is the training part");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.backtest().backtest());
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }

    @Test
    void read_missingColumn_namesIt() throws IOException {
        Files.writeString(dir.resolve("manifest.csv"), "name,file,frequency,period\ns,s.csv,monthly,12\n");
        IOException e = assertThrows(IOException.class, () -> SeriesManifest.read(dir));
        assertTrue(e.getMessage().contains("'horizon'"), e.getMessage());
    }

    @Test
    void sharedBenchmark_has22SeriesWithTheirSplit() throws IOException {
        Path shared = Path.of(System.getProperty("tessera.shared.dir", "../../shared"), "data", "timeseries");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared data not present");
        SeriesManifest m = SeriesManifest.read(shared);
        assertEquals(22, m.entries().size());
        for (SeriesManifest.Split s : m.splits()) {
            assertEquals(s.full().length() - s.entry().horizon(), s.train().length(), s.entry().name());
            assertEquals(0, s.train().missingCount(), s.entry().name());
        }
    }
}
