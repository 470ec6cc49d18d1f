package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassRatesTest {
    @Test
    void ratesPerClass_nameTheClassThatAnAverageHides() {
        // nine classes always right, one always wrong: the mean is 0.9
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> truth = new java.util.ArrayList<>();
        boolean[] ok = new boolean[100];
        for (int i = 0; i < 100; i++) {
            truth.add(classes.get(i % 10));
            ok[i] = i % 10 != 7;
        }
        ClassRates r = ClassRates.of(classes, truth, ok);
        assertEquals(1.0, r.rates().get("0"));
        assertEquals(0.0, r.rates().get("7"));
        assertEquals(10, r.counts().get("7"));
        assertEquals(List.of("7"), r.below(0.6));
        assertEquals(0.0, r.min());
        assertEquals(classes, List.copyOf(r.rates().keySet()), "report order is the classes' order");
    }

    @Test
    void aClassWithoutItems_isNaN_andCountsAsBelowEveryFloor() {
        ClassRates r = ClassRates.of(List.of("a", "b"), List.of("a", "a"), new boolean[] {true, false});
        assertEquals(0.5, r.rates().get("a"));
        assertTrue(Double.isNaN(r.rates().get("b")));
        assertEquals(List.of("a", "b"), r.below(0.6));
        assertEquals(List.of("b"), r.below(0.5));
        assertEquals(0.5, r.min());
    }

    @Test
    void anUnknownClass_orMismatchedLengths_areRejectedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassRates.of(List.of("a"), List.of("z"), new boolean[] {true}));
        assertTrue(e.getMessage().contains("'z'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ClassRates.of(List.of("a"), List.of("a", "a"), new boolean[] {true}));
        assertTrue(e.getMessage().contains("2 classes for 1 items"), e.getMessage());
    }
}
