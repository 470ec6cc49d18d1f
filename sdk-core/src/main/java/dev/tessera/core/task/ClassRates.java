package dev.tessera.core.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass rates per class (per label, per caption): the part of an average that tells whether every
 * class works. A mean over classes can look good while one class fails every time; reports print
 * these rates and name the classes below a floor ({@link #below}).
 *
 * @param rates the pass rate of each class in [0, 1], in the order the classes were given (NaN for a
 *     class with no item)
 * @param counts the number of items of each class
 */
public record ClassRates(Map<String, Double> rates, Map<String, Integer> counts) {
    /** Copies the maps (unmodifiable, order kept) and checks that they name the same classes. */
    public ClassRates {
        if (!rates.keySet().equals(counts.keySet())) {
            throw new IllegalArgumentException("rates name " + rates.keySet() + " but counts name " + counts.keySet());
        }
        rates = Collections.unmodifiableMap(new LinkedHashMap<>(rates));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /**
     * Counts the passes of each class.
     *
     * @param classes every class, in report order (a class with no item gets rate NaN and count 0)
     * @param truth the class of each item
     * @param passed whether each item passed
     * @return the rates
     * @throws IllegalArgumentException if the lengths differ or an item's class is not in {@code classes}
     */
    public static ClassRates of(List<String> classes, List<String> truth, boolean[] passed) {
        if (truth.size() != passed.length) {
            throw new IllegalArgumentException(truth.size() + " classes for " + passed.length + " items");
        }
        Map<String, int[]> tally = new LinkedHashMap<>();
        for (String c : classes) {
            tally.put(c, new int[2]);
        }
        for (int i = 0; i < passed.length; i++) {
            int[] t = tally.get(truth.get(i));
            if (t == null) {
                throw new IllegalArgumentException("item " + i + " has class '" + truth.get(i) + "', not one of "
                        + classes);
            }
            t[0] += passed[i] ? 1 : 0;
            t[1]++;
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        tally.forEach((c, t) -> {
            rates.put(c, t[1] == 0 ? Double.NaN : (double) t[0] / t[1]);
            counts.put(c, t[1]);
        });
        return new ClassRates(rates, counts);
    }

    /**
     * The classes whose rate is below a floor (or that had no item), in report order.
     *
     * @param floor the floor
     * @return the failing classes (empty when every class reaches the floor)
     */
    public List<String> below(double floor) {
        List<String> out = new ArrayList<>();
        rates.forEach((c, r) -> {
            if (!(r >= floor)) {
                out.add(c);
            }
        });
        return out;
    }

    /** @return the lowest rate over the classes that had items (NaN if none had) */
    public double min() {
        double m = Double.NaN;
        for (double r : rates.values()) {
            if (!Double.isNaN(r) && !(r >= m)) {
                m = r;
            }
        }
        return m;
    }
}
