package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActivationsTest {
    /** erf by its Maclaurin series in double (accurate to ~1e-12 for |x| <= 4). */
    private static double seriesErf(double x) {
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void erf_matchesTheSeriesToFloatPrecision() {
        double worst = 0;
        for (double x = -4; x <= 4; x += 0.001) {
            worst = Math.max(worst, Math.abs(Activations.erf(x) - seriesErf(x)));
        }
        assertTrue(worst < 2e-7, "worst erf error " + worst);
    }

    @Test
    void gelu_isExactErfGeluToFloatPrecision() {
        for (double x = -6; x <= 6; x += 0.003) {
            double ref = 0.5 * x * (1 + (Math.abs(x / Math.sqrt(2)) <= 4 ? seriesErf(x / Math.sqrt(2)) : Math.signum(x)));
            float got = Activations.gelu((float) x);
            assertTrue(Math.abs(got - ref) <= 3e-7 * Math.max(1, Math.abs(x)), "gelu(" + x + ") = " + got + ", want " + ref);
        }
    }
}
