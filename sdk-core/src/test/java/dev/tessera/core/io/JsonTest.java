package dev.tessera.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tessera never writes NaN or Infinity into JSON (they are not JSON). */
class JsonTest {

    record Metrics(double mase, float loss, Double smape, double[] series) { }

    @Test
    void nonFiniteNumbers_areWrittenAsNull_finiteOnesUnchanged() {
        Metrics m = new Metrics(Double.NaN, Float.POSITIVE_INFINITY, 0.25, new double[] {1.5, Double.NEGATIVE_INFINITY});
        assertEquals("{\"mase\":null,\"loss\":null,\"smape\":0.25,\"series\":[1.5,null]}", Json.COMPACT.toJson(m));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", Double.NaN);
        map.put("b", 2.0f);
        assertEquals("{\"a\":null,\"b\":2.0}", Json.COMPACT.toJson(map));
        assertEquals("[[1.0,null]]", Json.COMPACT.toJson(new float[][] {{1f, Float.NaN}}));
    }
}
