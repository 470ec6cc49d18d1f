package dev.tessera.core.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NaN or infinite logits stop generation naming the step; tiny temperatures still pick tokens. */
class NonFiniteGenerationTest {

    /** An engine whose logits favour token (position mod 4) and turn to {@code bad} from step {@code badFrom}. */
    private static DecodeEngine engine(int badFrom, float bad) {
        return new DecodeEngine() {
            public String name() {
                return "scripted";
            }

            public int contextLength() {
                return 64;
            }

            public int vocabSize() {
                return 4;
            }

            public Session open(int batch) {
                return new Session() {
                    int pos;
                    int steps;

                    public float[][] prefill(int[][] ids, int[] pads) {
                        pos = ids[0].length;
                        return next();
                    }

                    public float[][] decode(int[] ids) {
                        pos++;
                        steps++;
                        return next();
                    }

                    private float[][] next() {
                        float[] l = {0.1f, 0.2f, 0.3f, 0.4f};
                        l[pos % 4] = 5f;
                        if (steps >= badFrom) {
                            l[2] = bad;
                        }
                        return new float[][] {l};
                    }

                    public int position() {
                        return pos;
                    }

                    public void close() { }
                };
            }
        };
    }

    @Test
    void nanLogits_stopWithTheStep() {
        Generator g = new Generator(engine(3, Float.NaN), null);
        NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class,
                () -> g.generate(new int[] {0}, SamplingConfig.sample(0.8, 1, 10), List.of(), null));
        assertEquals(3, e.step());
        assertTrue(e.getMessage().contains("generation step 3") && e.getMessage().contains("token 2 is NaN"),
                e.getMessage());
    }

    @Test
    void infiniteLogits_stopToo_evenWhenGreedy() {
        Generator g = new Generator(engine(0, Float.POSITIVE_INFINITY), null);
        NonFiniteLogitsException e = assertThrows(NonFiniteLogitsException.class,
                () -> g.generate(new int[] {0}, SamplingConfig.greedy(5), List.of(), null));
        assertEquals(0, e.step());
    }

    @Test
    void tinyTemperature_picksTheBestToken_likeGreedy() {
        Generator g = new Generator(engine(Integer.MAX_VALUE, 0), null);
        GenerationResult greedy = g.generate(new int[] {0}, SamplingConfig.greedy(6), List.of(), null);
        GenerationResult tiny = g.generate(new int[] {0}, SamplingConfig.sample(1e-300, 7, 6), List.of(), null);
        assertEquals(6, tiny.tokens().length, "a tiny temperature must still generate");
        assertArrayEquals(greedy.tokens(), tiny.tokens());
    }

    @Test
    void hugeMaxTokens_doesNotAllocateUpFront() {
        Generator g = new Generator(engine(Integer.MAX_VALUE, 0), null);
        SamplingConfig c = SamplingConfig.greedy(SamplingConfig.MAX_NEW_TOKENS).withStopTokens(new int[] {3});
        GenerationResult r = g.generate(new int[] {0}, c, List.of(), null);
        assertEquals(FinishReason.STOP_TOKEN, r.reason());
        assertThrows(IllegalArgumentException.class, () -> SamplingConfig.greedy(Integer.MAX_VALUE));
    }
}
