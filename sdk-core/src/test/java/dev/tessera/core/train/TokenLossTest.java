package dev.tessera.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenLossTest {
    private static VocabularyLayout layout() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a", 10);
        sizes.put("b", 6);
        return VocabularyLayout.framed(sizes);
    }

    @Test
    void rowLogLikelihoods_areEachRowsWeightedLogProb_consistentWithTheMeanLoss() {
        VocabularyLayout l = layout();
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(l.size(), 8, 1, 2, 16), 4, Device.cpu());
                TokenLoss loss = new TokenLoss(l, m.manager());
                NDManager s = m.manager().newSubManager()) {
            int[][] in = {{l.bos(), l.begin("a"), l.toGlobal("a", 3), l.toGlobal("a", 4)},
                    {l.bos(), l.begin("b"), l.toGlobal("b", 1), l.end("b")}};
            int[][] tg = {{l.begin("a"), l.toGlobal("a", 3), l.toGlobal("a", 4), l.end("a")},
                    {l.begin("b"), l.toGlobal("b", 1), l.end("b"), l.eos()}};
            float[][] w = {{0, 1, 1, 1}, {0, 1, 0.5f, 0}};
            double[] rows = loss.rowLogLikelihoods(m, new TokenBatch(in, tg, w), s);
            assertEquals(2, rows.length);
            for (int r = 0; r < 2; r++) {
                assertTrue(rows[r] < 0, "row " + r + ": " + rows[r]);
                double weight = 0;
                for (float x : w[r]) {
                    weight += x;
                }
                double mean = loss.loss(m, new TokenBatch(new int[][] {in[r]}, new int[][] {tg[r]},
                        new float[][] {w[r]}), s).getFloat();
                assertEquals(-mean * weight, rows[r], 1e-4, "row " + r);
            }
        }
    }

    @Test
    void rowLogLikelihoods_refuseAWeightedBosTarget() {
        VocabularyLayout l = layout();
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(l.size(), 8, 1, 2, 16), 4, Device.cpu());
                TokenLoss loss = new TokenLoss(l, m.manager());
                NDManager s = m.manager().newSubManager()) {
            TokenBatch b = new TokenBatch(new int[][] {{l.begin("a")}}, new int[][] {{l.bos()}}, new float[][] {{1}});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.rowLogLikelihoods(m, b, s));
            assertTrue(e.getMessage().contains("BOS"), e.getMessage());
        }
    }
}
