package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskGradientBalanceTest {

    /** A task that is only a name (the weights are what matters here). */
    private record DummyTask(String name) implements Task {
        @Override
        public java.util.Map<String, Integer> vocabularies() {
            return java.util.Map.of("x", 2);
        }

        @Override
        public int maxLength() {
            return 4;
        }

        @Override
        public TaskExample sample(dev.tessera.core.token.VocabularyLayout layout, java.util.SplittableRandom rng) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskScore evaluate(dev.tessera.core.model.DecoderModel model, dev.tessera.core.token.VocabularyLayout layout,
                TaskContext context) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void tasksWithNormsTwentyTimesApart_areBroughtToTheTarget() {
        TaskGradientBalance b = new TaskGradientBalance(true, 1.0, 1.0);
        double small = 0;
        double large = 0;
        for (int step = 0; step < 200; step++) {
            int task = step % 2;
            b.stepOf(task);
            double norm = task == 0 ? 0.05 * (1 + 0.1 * Math.sin(step)) : 1.0 * (1 + 0.1 * Math.cos(step));
            double scaled = norm * b.factor(step, norm);
            if (task == 0) {
                small = scaled;
            } else {
                large = scaled;
            }
        }
        assertEquals(1.0, small, 0.15, "the small task's scaled norm");
        assertEquals(1.0, large, 0.15, "the large task's scaled norm");
        assertEquals(0.05, b.meanNorm(0), 0.005);
        assertEquals(1.0, b.meanNorm(1), 0.1);
    }

    @Test
    void lossWeights_setEachTasksShareOfTheClippingNorm() {
        Task a = new DummyTask("a");
        double[] t = TaskGradientBalance.targets(java.util.List.of(new WeightedTask(a, 1, 2), new WeightedTask(a, 1, 0.5)),
                1.0);
        assertEquals(1.0, t[0], 1e-12);
        assertEquals(0.25, t[1], 1e-12);
        TaskGradientBalance b = new TaskGradientBalance(true, t);
        double scaled = 0;
        for (int step = 0; step < 40; step++) {
            b.stepOf(1);
            scaled = 0.02 * b.factor(step, 0.02);
        }
        assertEquals(0.25, scaled, 1e-9, "the lighter task's gradient norm");
    }

    @Test
    void anOutsizedGradient_staysOutsized_soClippingCanCatchIt() {
        TaskGradientBalance b = new TaskGradientBalance(true, 1.0);
        for (int step = 0; step < 50; step++) {
            b.stepOf(0);
            b.factor(step, 0.1);
        }
        b.stepOf(0);
        double spike = 5.0 * b.factor(50, 5.0);
        assertTrue(spike > 40, "a spike 50x the running mean was scaled to " + spike);
    }

    @Test
    void switchedOff_itOnlyRecordsTheNorms() {
        TaskGradientBalance b = new TaskGradientBalance(false, 1.0, 1.0, 1.0);
        b.stepOf(1);
        assertEquals(1.0, b.factor(0, 0.2));
        b.stepOf(1);
        assertEquals(1.0, b.factor(1, 0.4));
        assertEquals(0.3, b.meanNorm(1), 1e-12);
        assertTrue(Double.isNaN(b.meanNorm(0)), "a task without steps has no mean");
    }

    @Test
    void aStepWithoutItsTask_isAnError() {
        TaskGradientBalance b = new TaskGradientBalance(true, 1.0);
        b.stepOf(0);
        b.factor(0, 1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> b.factor(1, 1.0));
        assertTrue(e.getMessage().contains("step 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TaskGradientBalance(true, 1.0, 0));
    }
}
