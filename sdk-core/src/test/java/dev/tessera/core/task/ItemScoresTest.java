package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ItemScoresTest {

    private static boolean[] coinFlips(int n, double p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] b = new boolean[n];
        for (int i = 0; i < n; i++) {
            b[i] = rng.nextDouble() < p;
        }
        return b;
    }

    @Test
    void meanAndGeometricMean_areTheScores() {
        assertEquals(0.75, ItemScores.passes(new boolean[] {true, true, false, true}).score(), 1e-12);
        ItemScores g = new ItemScores(new double[] {0.5, 2.0, 1.0}, ItemScores.Aggregate.GEOMETRIC_MEAN);
        assertEquals(1.0, g.score(), 1e-12);
    }

    @Test
    void interval_hasTheWidthOfABinomialProportion_andIsReproducible() {
        ItemScores s = ItemScores.passes(coinFlips(400, 0.8, 3));
        double[] ci = s.interval(11);
        double se = Math.sqrt(s.score() * (1 - s.score()) / 400);
        assertTrue(ci[0] < s.score() && s.score() < ci[1]);
        assertEquals(2 * 1.96 * se, ci[1] - ci[0], 0.25 * 2 * 1.96 * se, "95% interval ~ +-1.96 standard errors");
        assertArrayEquals(ci, s.interval(11));
    }

    @Test
    void pairedShortfall_ofTheSameItemsShiftedByTwoPercent_isExactlyTwoPercent() {
        double[] base = new double[50];
        double[] worse = new double[50];
        for (int i = 0; i < base.length; i++) {
            base[i] = 0.2 + i * 0.03;
            worse[i] = base[i] * 1.02;
        }
        ItemScores a = new ItemScores(worse, ItemScores.Aggregate.GEOMETRIC_MEAN);
        ItemScores b = new ItemScores(base, ItemScores.Aggregate.GEOMETRIC_MEAN);
        double[] d = a.pairedShortfall(b, false, 5);
        assertEquals(0.02, d[0], 1e-12);
        assertEquals(0.02, d[1], 1e-12);
        assertEquals(0.02, d[2], 1e-12);
    }

    @Test
    void pairedShortfall_isPositiveWhenWorse_inBothDirections() {
        ItemScores low = ItemScores.passes(coinFlips(300, 0.6, 1));
        ItemScores high = ItemScores.passes(coinFlips(300, 0.9, 2));
        double[] d = low.pairedShortfall(high, true, 5);
        assertTrue(d[0] > 0.2 && d[1] > 0.1 && d[1] <= d[0] && d[0] <= d[2], java.util.Arrays.toString(d));
        assertTrue(high.pairedShortfall(low, true, 5)[0] < 0);
    }

    @Test
    void badValues_andMismatchedItems_areRefusedWithTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ItemScores(new double[] {1, Double.NaN}, ItemScores.Aggregate.MEAN));
        assertTrue(e.getMessage().contains("item 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ItemScores(new double[] {1, 0}, ItemScores.Aggregate.GEOMETRIC_MEAN));
        assertThrows(IllegalArgumentException.class, () -> new ItemScores(new double[0], ItemScores.Aggregate.MEAN));
        ItemScores three = ItemScores.passes(new boolean[] {true, false, true});
        ItemScores two = ItemScores.passes(new boolean[] {true, false});
        assertThrows(IllegalArgumentException.class, () -> three.pairedShortfall(two, true, 1));
    }

    @Test
    void taskScore_mustBeTheAggregateOfItsItems() {
        ItemScores s = ItemScores.passes(new boolean[] {true, false});
        assertEquals(0.5, TaskScore.of("acc", true, s, Map.of(), List.of()).score());
        assertThrows(IllegalArgumentException.class, () -> new TaskScore("acc", 0.7, true, Map.of(), List.of(), s));
    }

    @Test
    void values_areCopied() {
        double[] v = {1, 2};
        ItemScores s = new ItemScores(v, ItemScores.Aggregate.MEAN);
        v[0] = 100;
        s.values()[1] = 100;
        assertEquals(1.5, s.score(), 1e-12);
    }
}
