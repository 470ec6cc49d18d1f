package dev.tessera.core.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.generate.DecodeEngine;
import dev.tessera.core.generate.DjlDecodeEngine;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Parity per modality head: a model trained on framed three-modality sequences (per-head softmax) is
 * decoded greedily for 200 tokens, each step restricted to the head that writes next; the JVM engine's
 * logits equal DJL's within 1e-4 on every head's ids at every step, and the tokens are identical.
 */
class JvmDecodeEngineHeadsTest {
    private static final int NEW_TOKENS = 200;

    private static VocabularyLayout layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("text", 24);
        m.put("image", 16);
        m.put("series", 12);
        return VocabularyLayout.framed(m);
    }

    /** BOS, text(5), image(8), series(6), EOS with patterned contents. */
    private static int[] example(VocabularyLayout layout, SplittableRandom r) {
        return TokenSequence.of(new Segment("text", TrainedModels.patterned(r, 24, 5)),
                new Segment("image", TrainedModels.patterned(r, 16, 8)),
                new Segment("series", TrainedModels.patterned(r, 12, 6))).toGlobalIds(layout, true);
    }

    @Test
    void everyHeadsLogitsMatchDjlAtEveryStepOfA200TokenGeneration() throws Exception {
        VocabularyLayout layout = layout();
        ModelConfig cfg = ModelConfig.gpt2(layout.size(), 256, 2, 4, 64);
        try (DecoderModel model = DecoderModel.create(cfg, 3, Device.cpu())) {
            try (TokenLoss loss = new TokenLoss(layout, model.manager());
                    NDManager scope = NDManager.newBaseManager();
                    TrainingLoop loop = new TrainingLoop(model,
                            new TrainingConfig(60, 3e-3, 3e-4, 3, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 3))) {
                loop.run((step, micro) -> {
                    SplittableRandom r = new SplittableRandom(1000 + step);
                    int[][] seqs = new int[16][];
                    for (int b = 0; b < seqs.length; b++) {
                        seqs[b] = example(layout, r);
                    }
                    return loss.loss(model, TokenBatch.shifted(seqs, null), scope);
                });
            }
            int heads = layout.headCount();
            double[] worst = new double[heads];
            int[] activeSteps = new int[heads];
            int[] prompt = Arrays.copyOf(example(layout, new SplittableRandom(77)), 5); // BOS, BEGIN:text, 3 text ids
            int[] djlTokens = new int[NEW_TOKENS];
            int[] jvmTokens = new int[NEW_TOKENS];
            String open = "text";
            try (DecodeEngine.Session a = new DjlDecodeEngine(model).open(1);
                    DecodeEngine.Session b = new JvmDecodeEngine(model).open(1)) {
                float[] la = a.prefill(new int[][] {prompt}, new int[] {0})[0];
                float[] lb = b.prefill(new int[][] {prompt}, new int[] {0})[0];
                for (int step = 0; step < NEW_TOKENS; step++) {
                    for (int h = 0; h < heads; h++) {
                        for (int id : layout.headIds(h)) {
                            double diff = Math.abs(la[id] - lb[id]);
                            worst[h] = Math.max(worst[h], diff);
                            assertTrue(diff <= 1e-4, "step " + step + ", head " + layout.headName(h) + ", id " + id
                                    + ": djl " + la[id] + " jvm " + lb[id]);
                        }
                    }
                    int head = open == null ? layout.controlHead() : layout.headOfModality(open);
                    activeSteps[head]++;
                    djlTokens[step] = argmaxOver(la, layout.headIds(head));
                    jvmTokens[step] = argmaxOver(lb, layout.headIds(head));
                    int t = djlTokens[step];
                    if (open != null && t == layout.end(open)) {
                        open = null;
                    } else if (open == null && t != layout.eos()) {
                        open = layout.modalities().stream().filter(m -> layout.begin(m) == t).findFirst().orElse(null);
                    }
                    int next = t == layout.eos() ? layout.bos() : t; // start a new document after EOS
                    if (step + prompt.length + 1 >= cfg.contextLength()) {
                        break;
                    }
                    la = a.decode(new int[] {next})[0];
                    lb = b.decode(new int[] {t == layout.eos() ? layout.bos() : jvmTokens[step]})[0];
                }
            }
            assertArrayEquals(djlTokens, jvmTokens, "greedy generations differ");
            for (int h = 0; h < heads; h++) {
                assertTrue(activeSteps[h] > 0, "head " + layout.headName(h) + " never wrote a token: "
                        + Arrays.toString(activeSteps));
            }
            System.out.println("per-head worst |djl - jvm|: " + Arrays.toString(worst) + ", steps per head "
                    + Arrays.toString(activeSteps));
        }
    }

    private static int argmaxOver(float[] logits, int[] ids) {
        int best = ids[0];
        for (int id : ids) {
            if (logits[id] > logits[best]) {
                best = id;
            }
        }
        return best;
    }
}
