package dev.tessera.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenLossTest {
    private static VocabularyLayout layout() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a", 10);
        sizes.put("b", 6);
        return VocabularyLayout.framed(sizes);
    }

    /**
     * The oracle: every position projected on the whole vocabulary, the other heads' logits set to minus
     * infinity, a log-softmax, the target picked in Java, weighted and averaged.
     */
    private static NDArray maskedFullVocabularyLoss(DecoderModel m, VocabularyLayout l, TokenBatch b) {
        int rows = b.batchSize();
        int time = b.length();
        int[] flat = new int[rows * time];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(b.inputs()[i], 0, flat, i * time, time);
        }
        NDArray ids = m.manager().create(flat, new Shape(rows, time));
        NDArray logits = m.logits(m.forward(ids, null));
        float[] mask = new float[rows * time * l.size()];
        float[] pick = new float[rows * time * l.size()];
        double weightSum = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < time; j++) {
                int k = (i * time + j) * l.size();
                int target = b.targets()[i][j];
                int head = Math.max(0, l.headOf(target));
                Arrays.fill(mask, k, k + l.size(), Float.NEGATIVE_INFINITY);
                for (int id : l.headIds(head)) {
                    mask[k + id] = 0f;
                }
                if (l.headOf(target) >= 0) {
                    pick[k + target] = b.weights()[i][j];
                }
                weightSum += b.weights()[i][j];
            }
        }
        Shape s = new Shape(rows, time, l.size());
        NDArray logp = logits.add(m.manager().create(mask, s)).logSoftmax(-1);
        // masked entries are -inf; 0 * -inf would be NaN, so pick by where the weight is non-zero
        NDArray w = m.manager().create(pick, s);
        NDArray safe = logp.maximum(-1e30f);
        return safe.mul(w).sum().neg().div((float) weightSum);
    }

    @Test
    void loss_andGradients_equalAMaskedFullVocabularySoftmax() {
        VocabularyLayout l = layout();
        SplittableRandom r = new SplittableRandom(11);
        int rows = 3;
        int time = 9;
        int[][] in = new int[rows][time];
        int[][] tg = new int[rows][time];
        float[][] w = new float[rows][time];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < time; j++) {
                in[i][j] = r.nextInt(l.size());
                tg[i][j] = r.nextInt(l.size());
                // weight 0 on about a third of the positions, and always on a BOS target
                w[i][j] = tg[i][j] == l.bos() || r.nextInt(3) == 0 ? 0f : (float) (0.25 + r.nextDouble());
            }
        }
        TokenBatch b = new TokenBatch(in, tg, w);
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(l.size(), 16, 1, 2, 16), 5, Device.cpu());
                TokenLoss loss = new TokenLoss(l, m.manager());
                NDManager s = m.manager().newSubManager()) {
            NDArray wte = m.parameter("wte.weight");
            NDArray fc1 = m.parameter("blocks.0.mlp.fc1.weight");
            wte.setRequiresGradient(true);
            fc1.setRequiresGradient(true);
            float fast;
            float[][] fastGrads;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray value = loss.loss(m, b, s);
                fast = value.getFloat();
                gc.backward(value);
                fastGrads = new float[][] {wte.getGradient().toFloatArray(), fc1.getGradient().toFloatArray()};
            }
            wte.getGradient().subi(wte.getGradient());
            fc1.getGradient().subi(fc1.getGradient());
            float oracle;
            float[][] oracleGrads;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray value = maskedFullVocabularyLoss(m, l, b);
                oracle = value.getFloat();
                gc.backward(value);
                oracleGrads = new float[][] {wte.getGradient().toFloatArray(), fc1.getGradient().toFloatArray()};
            }
            assertTrue(Float.isFinite(fast) && fast > 0, "loss " + fast);
            assertEquals(oracle, fast, 1e-5, "loss");
            for (int p = 0; p < 2; p++) {
                double norm = 0;
                for (int i = 0; i < oracleGrads[p].length; i++) {
                    assertEquals(oracleGrads[p][i], fastGrads[p][i], 1e-6, "gradient " + p + " element " + i);
                    norm += oracleGrads[p][i] * oracleGrads[p][i];
                }
                assertTrue(norm > 1e-12, "gradient " + p + " is zero: the test would not notice a detached path");
            }
        }
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

    @Test
    void theLossOfCallerHiddenStates_equalsTheLossOfTheIds_whenTheyAreTheModelsOwn() {
        VocabularyLayout l = layout();
        try (DecoderModel m = DecoderModel.create(ModelConfig.gpt2(l.size(), 8, 1, 2, 16), 4, Device.cpu());
                TokenLoss loss = new TokenLoss(l, m.manager());
                NDManager s = m.manager().newSubManager()) {
            int[][] in = {{l.bos(), l.begin("a"), l.toGlobal("a", 3)}, {l.bos(), l.begin("b"), l.toGlobal("b", 1)}};
            int[][] tg = {{l.begin("a"), l.toGlobal("a", 3), l.end("a")}, {l.begin("b"), l.toGlobal("b", 1), l.end("b")}};
            float[][] w = {{0, 1, 1}, {1, 0.5f, 1}};
            TokenBatch b = new TokenBatch(in, tg, w);
            NDArray ids = s.create(new int[] {in[0][0], in[0][1], in[0][2], in[1][0], in[1][1], in[1][2]}, new Shape(2, 3));
            NDArray hidden = m.forward(ids, null);
            assertEquals(loss.loss(m, b, s).getFloat(), loss.loss(m, hidden, b, s).getFloat(), 1e-6);
            // other hidden states give another loss: the states are what is scored
            assertTrue(Math.abs(loss.loss(m, hidden.mul(0.5f), b, s).getFloat() - loss.loss(m, b, s).getFloat()) > 1e-4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.loss(m, hidden.get(":, :2, :"), b, s));
            assertTrue(e.getMessage().contains("do not match"), e.getMessage());
        }
    }
}
