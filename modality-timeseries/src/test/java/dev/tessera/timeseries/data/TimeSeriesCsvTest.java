package dev.tessera.timeseries.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeSeriesCsvTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void read_monthlyDates_detectsTimeColumnAndFrequency() throws IOException {
        Path f = write("m.csv", "timestamp,value\n2000-01-01,1.5\n2000-02-01,2\n2000-03-01,\n2000-04-01,4\n");
        TimeSeries s = TimeSeriesCsv.read(f);
        assertEquals("m", s.name());
        assertEquals(4, s.length());
        assertEquals(Frequency.MONTHLY, s.frequency());
        assertTrue(s.hasTimestamps());
        assertEquals(2000, s.timestamps()[3].getYear());
        double[] v = s.values();
        assertEquals(1.5, v[0]);
        assertTrue(Double.isNaN(v[2]), "empty cell must be NaN");
        assertEquals(1, s.missingCount());
    }

    @Test
    void read_quarterlyAndYearly_inferred() throws IOException {
        assertEquals(Frequency.QUARTERLY, TimeSeriesCsv.read(write("q.csv",
                "date,x\n2000-01-01,1\n2000-04-01,2\n2000-07-01,3\n2000-10-01,4\n")).frequency());
        assertEquals(Frequency.YEARLY, TimeSeriesCsv.read(write("y.csv",
                "date,x\n2000-01-01,1\n2001-01-01,2\n2002-01-01,3\n")).frequency());
    }

    @Test
    void read_indexColumn_isIntegerIndexNotChannel() throws IOException {
        TimeSeries s = TimeSeriesCsv.read(write("i.csv", "index,value\n1,10\n2,11\n3,12\n"));
        assertFalse(s.hasTimestamps());
        assertEquals(1, s.channelCount());
        assertEquals(List.of("value"), s.channelNames());
        assertEquals(Frequency.OTHER, s.frequency());
    }

    @Test
    void read_severalValueColumns_areChannels() throws IOException {
        TimeSeries s = TimeSeriesCsv.read(write("mv.csv", "timestamp,a,b\n2000-01-01,1,5\n2000-01-02,2,6\n"));
        assertEquals(2, s.channelCount());
        assertEquals(6.0, s.values(1)[1]);
        assertEquals(Frequency.DAILY, s.frequency());
    }

    @Test
    void read_namedColumnsAndFrequency_override() throws IOException {
        Path f = write("n.csv", "when,a,b\n2000-01-01,1,5\n2000-01-02,2,6\n");
        TimeSeries s = TimeSeriesCsv.read(f, new TimeSeriesCsv.Options("when", List.of("b"), Frequency.WEEKLY));
        assertEquals(1, s.channelCount());
        assertEquals(Frequency.WEEKLY, s.frequency());
        IOException e = assertThrows(IOException.class,
                () -> TimeSeriesCsv.read(f, new TimeSeriesCsv.Options(null, List.of("c"), null)));
        assertTrue(e.getMessage().contains("no column 'c'"), e.getMessage());
    }

    @Test
    void read_textValues_failWithColumnName() throws IOException {
        Path f = write("bad.csv", "timestamp,value\n2000-01-01,abc\n2000-02-01,def\n");
        IOException e = assertThrows(IOException.class, () -> TimeSeriesCsv.read(f));
        assertTrue(e.getMessage().contains("no numeric value column"), e.getMessage());
    }

    @Test
    void read_missingFile_fails() {
        IOException e = assertThrows(IOException.class, () -> TimeSeriesCsv.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv"));
    }

    @Test
    void timeSeries_rejectsInfiniteAndUnorderedTimestamps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeSeries.of("x", new double[] {1, Double.POSITIVE_INFINITY}));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void interpolate_fillsInteriorLinearlyAndEndsWithNearest() {
        double[] f = MissingValues.interpolate(new double[] {Double.NaN, 1, Double.NaN, Double.NaN, 4, Double.NaN},
                "t");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {1, 1, 2, 3, 4, 4}, f, 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MissingValues.interpolate(new double[] {Double.NaN, Double.NaN}, "t"));
        assertTrue(e.getMessage().contains("all 2 values are missing"), e.getMessage());
    }
}
