package dev.tessera.timeseries.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.timeseries.forecast.Forecast;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCsvTest {
    @TempDir
    Path dir;

    @Test
    void write_hasTheIssueColumns_andOneRowPerStep() throws Exception {
        Forecast f = Baselines.seasonalNaive("a,b", new double[] {1, 2, 3, 4, 5, 6}, 3, 2, Metrics.WQL_LEVELS);
        Path out = dir.resolve("f.csv");
        ForecastCsv.write(out, List.of(f, Baselines.naive("c", new double[] {1, 2}, 2, Metrics.WQL_LEVELS)));
        List<String> lines = Files.readAllLines(out);
        assertEquals("series,step,mean,q0.1,q0.2,q0.3,q0.4,q0.5,q0.6,q0.7,q0.8,q0.9", lines.get(0));
        assertEquals(1 + 3 + 2, lines.size());
        assertTrue(lines.get(1).startsWith("\"a,b\",1,5.00000,"), lines.get(1));
        assertTrue(lines.get(5).startsWith("c,2,2.00000,"), lines.get(5));
        // row of step 2 of "a,b": the quoted name spans two cells after a plain split
        String[] cells = lines.get(2).split(",");
        assertEquals(f.quantile(0.5)[1], Double.parseDouble(cells[3 + 1 + 4]), 1e-4);
        assertEquals(f.quantile(0.9)[1], Double.parseDouble(cells[cells.length - 1]), 1e-3);
    }
}
