package dev.tessera.core.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeArraysTest {

    /**
     * What happens between a forward and a backward pass in a long step: a garbage collection, then small
     * direct buffers (the next step's scalars) that may reuse freed memory.
     */
    private static List<ByteBuffer> collectGarbageAndAllocate() throws InterruptedException {
        System.gc();
        Thread.sleep(2);
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
            b.putFloat(0, 1e30f);
            keep.add(b);
        }
        return keep;
    }

    @Test
    void aScalarOnARecordedPath_keepsItsValueThroughAGarbageCollectionBeforeTheBackwardPass() throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = NativeArrays.floats(m, new float[] {1, 2, 3, 4}, new Shape(4));
            x.setRequiresGradient(true);
            for (int trial = 0; trial < 20; trial++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    List<ByteBuffer> keep;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = x.mul(NativeArrays.scalar(x.getManager(), 0.5)).sum();
                        keep = collectGarbageAndAllocate();
                        gc.backward(y);
                    }
                    assertEquals(2000, keep.size());
                    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, x.getGradient().toFloatArray(),
                            "trial " + trial);
                    x.getGradient().muli(0);
                }
            }
        }
    }

    @Test
    void copyInto_overwritesInPlace_andChecksTheCount() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            NDArray a = m.zeros(new Shape(2, 2));
            NativeArrays.copyInto(a, new float[] {1, 2, 3, 4});
            assertArrayEquals(new float[] {1, 2, 3, 4}, a.toFloatArray());
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> NativeArrays.copyInto(a, new float[3]));
            assertEquals("array (2, 2) needs 4 values, got 3", e.getMessage());
        }
    }
}
