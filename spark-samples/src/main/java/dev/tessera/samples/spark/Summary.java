package dev.tessera.samples.spark;

import dev.tessera.spark.bench.Measurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Medians and spreads of interleaved measurements, and ratios of paired runs (same repetition). */
final class Summary {
    private Summary() { }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double[] rates(List<Measurement> ms, String way) {
        return ms.stream().filter(m -> m.way().equals(way)).mapToDouble(Measurement::perSecond).toArray();
    }

    /** Per repetition: rate of {@code a} / rate of {@code b}. */
    static double[] ratios(List<Measurement> ms, String a, String b) {
        double[] x = rates(ms, a);
        double[] y = rates(ms, b);
        double[] r = new double[Math.min(x.length, y.length)];
        for (int i = 0; i < r.length; i++) {
            r[i] = x[i] / y[i];
        }
        return r;
    }

    static Map<String, Object> describe(double[] v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median(v));
        m.put("min", Arrays.stream(v).min().orElse(Double.NaN));
        m.put("max", Arrays.stream(v).max().orElse(Double.NaN));
        m.put("runs", v.length);
        return m;
    }

    static String line(String what, double[] v, String unit) {
        return String.format(Locale.ROOT, "%-28s median %10.2f %s (min %.2f, max %.2f, %d runs)", what, median(v), unit,
                Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN), v.length);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static List<String> ways(List<Measurement> ms) {
        List<String> w = new ArrayList<>();
        for (Measurement m : ms) {
            if (!w.contains(m.way())) {
                w.add(m.way());
            }
        }
        return w;
    }
}
