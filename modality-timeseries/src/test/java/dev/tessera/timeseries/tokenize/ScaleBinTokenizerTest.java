package dev.tessera.timeseries.tokenize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.token.Segment;
import dev.tessera.timeseries.data.Frequency;
import dev.tessera.timeseries.data.TimeSeries;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaleBinTokenizerTest {
    private final ScaleBinConfig cfg = ScaleBinConfig.chronos();
    private final ScaleBinTokenizer tok = new ScaleBinTokenizer("series", cfg);
    private final ScaleBinDetokenizer detok = new ScaleBinDetokenizer("series", cfg);

    @Test
    void defaults_areChronos() {
        assertEquals(4094, cfg.bins());
        assertEquals(4095, tok.vocabularySize());
        assertEquals(30.0 / 4094, cfg.binWidth(), 1e-15);
    }

    @Test
    void roundTrip_errorBelowHalfABinTimesScale() {
        Random r = new Random(3);
        double[] v = new double[500];
        for (int i = 0; i < v.length; i++) {
            v[i] = 100 + 30 * Math.sin(i / 7.0) + r.nextGaussian() * 5;
        }
        Segment s = tok.encode(TimeSeries.of("x", v));
        double scale = MeanScale.of(v);
        TimeSeries back = detok.decode(s);
        double[] b = back.values();
        for (int i = 0; i < v.length; i++) {
            assertTrue(Math.abs(b[i] - v[i]) <= cfg.binWidth() * scale / 2 + 1e-9,
                    "index " + i + ": " + v[i] + " -> " + b[i]);
        }
        for (int id : s.tokens()) {
            assertTrue(id >= 0 && id < tok.vocabularySize());
        }
    }

    @Test
    void missingValues_getTheirOwnId_andDecodeToNaN() {
        Segment s = tok.encode(TimeSeries.of("x", new double[] {1, Double.NaN, 3}));
        assertEquals(cfg.missingId(), s.token(1));
        assertTrue(Double.isNaN(detok.decode(s).values()[1]));
    }

    @Test
    void outOfRangeValues_clampToEndBins() {
        double[] v = new double[100];
        v[99] = 1e6; // scale = 1e4, scaled value 100 > 15
        Segment s = tok.encode(TimeSeries.of("x", v));
        assertEquals(cfg.bins() - 1, s.token(99));
    }

    @Test
    void multichannel_roundTripsEachChannelWithItsScale() {
        TimeSeries ts = new TimeSeries("mv", null, new double[][] {{1, 2, 3}, {1000, 2000, 3000}},
                List.of("a", "b"), Frequency.OTHER);
        Segment s = tok.encode(ts);
        assertEquals(6, s.length());
        TimeSeries back = detok.decode(s);
        assertEquals(2, back.channelCount());
        assertEquals(3000, back.values(1)[2], 3000 * cfg.binWidth());
        assertEquals(1, back.values(0)[0], 2 * cfg.binWidth());
    }

    @Test
    void decode_unknownId_namesPosition() {
        Segment bad = Segment.of("series", new int[] {5, 99999}, java.util.Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> detok.decode(bad));
        assertTrue(e.getMessage().contains("99999") && e.getMessage().contains("position 1"), e.getMessage());
    }

    @Test
    void decode_otherModality_rejected() {
        assertThrows(IllegalArgumentException.class, () -> detok.decode(Segment.of("text", new int[] {1},
                java.util.Map.of())));
    }
}
