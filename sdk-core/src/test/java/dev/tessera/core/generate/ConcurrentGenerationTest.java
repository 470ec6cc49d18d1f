package dev.tessera.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** One loaded model serves eight threads at once: every thread gets the sequential result. */
class ConcurrentGenerationTest {
    private static final int THREADS = 8;
    private static final int CALLS = 3;

    private static void assertConcurrentEqualsSequential(Function<DecoderModel, DecodeEngine> engineOf) throws Exception {
        try (DecoderModel model = DecoderModel.create(ModelConfig.gpt2(64, 48, 2, 4, 32), 5, Device.cpu())) {
            Generator gen = new Generator(engineOf.apply(model), null);
            int[][] prompts = new int[THREADS * CALLS][];
            for (int i = 0; i < prompts.length; i++) {
                prompts[i] = new int[] {i % 64, (3 * i + 1) % 64, (7 * i + 2) % 64};
            }
            SamplingConfig cfg = SamplingConfig.sample(1.0, 0, 30).withPolicies(SamplingConfig.PromptPolicy.REJECT,
                    SamplingConfig.OverflowPolicy.SLIDE);
            int[][] sequential = new int[prompts.length][];
            for (int i = 0; i < prompts.length; i++) {
                sequential[i] = gen.generate(prompts[i], cfg.withSeed(i), List.of(), null).tokens();
            }
            int[][] concurrent = new int[prompts.length][];
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        for (int c = 0; c < CALLS; c++) {
                            int i = c * THREADS + thread;
                            concurrent[i] = gen.generate(prompts[i], cfg.withSeed(i), List.of(), null).tokens();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            for (int i = 0; i < prompts.length; i++) {
                assertTrue(sequential[i].length == 30, "call " + i + " generated " + sequential[i].length);
                assertArrayEquals(sequential[i], concurrent[i], "call " + i + ": " + Arrays.toString(concurrent[i]));
            }
        }
    }

    @Test
    void jvmEngine_eightThreadsGiveTheSequentialOutputs() throws Exception {
        assertConcurrentEqualsSequential(JvmDecodeEngine::new);
    }

    @Test
    void djlEngine_eightThreadsGiveTheSequentialOutputs() throws Exception {
        assertConcurrentEqualsSequential(DjlDecodeEngine::new);
    }
}
