package dev.tessera.core.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tessera.core.train.TokenBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskExampleTest {

    @Test
    void aBatch_shiftsEachExample_padsItsEnd_andScalesItsWeights() {
        TaskExample longer = TaskExample.lossFrom(new int[] {1, 2, 3, 4}, 1);
        TaskExample shorter = TaskExample.lossFrom(new int[] {5, 6}, 0);
        TokenBatch b = TaskExample.batch(List.of(longer, shorter), 2.0, 9);
        assertArrayEquals(new int[] {1, 2, 3}, b.inputs()[0]);
        assertArrayEquals(new int[] {2, 3, 4}, b.targets()[0]);
        assertArrayEquals(new float[] {0, 2, 2}, b.weights()[0]);
        assertArrayEquals(new int[] {5, 9, 9}, b.inputs()[1]);
        assertArrayEquals(new int[] {6, 9, 9}, b.targets()[1]);
        assertArrayEquals(new float[] {2, 0, 0}, b.weights()[1], "padding never counts");
    }
}
