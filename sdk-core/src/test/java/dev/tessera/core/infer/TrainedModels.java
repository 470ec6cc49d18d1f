package dev.tessera.core.infer;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.core.train.TokenBatch;
import dev.tessera.core.train.TokenLoss;
import dev.tessera.core.train.TrainingConfig;
import dev.tessera.core.train.TrainingLoop;
import java.util.SplittableRandom;

/** Small models trained for a few dozen steps on a patterned sequence task, for parity tests. */
final class TrainedModels {
    private TrainedModels() { }

    /** A sequence with structure: runs of arithmetic progressions mod vocab with random strides. */
    static int[] patterned(SplittableRandom r, int vocab, int length) {
        int[] s = new int[length];
        int v = r.nextInt(vocab);
        int stride = 1 + r.nextInt(3);
        for (int i = 0; i < length; i++) {
            if (r.nextInt(12) == 0) {
                stride = 1 + r.nextInt(3);
            }
            v = (v + stride) % vocab;
            s[i] = v;
        }
        return s;
    }

    static DecoderModel trained(ModelConfig cfg, int steps, long seed) throws Exception {
        DecoderModel model = DecoderModel.create(cfg, seed, Device.cpu());
        int vocab = cfg.vocabSize();
        try (TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", vocab), model.manager());
                NDManager scope = NDManager.newBaseManager();
                TrainingLoop loop = new TrainingLoop(model,
                        new TrainingConfig(steps, 3e-3, 3e-4, 3, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, seed))) {
            loop.run((step, micro) -> {
                SplittableRandom r = new SplittableRandom(seed * 1000 + step);
                int[][] seqs = new int[8][33];
                for (int b = 0; b < seqs.length; b++) {
                    seqs[b] = patterned(r, vocab, 33);
                }
                return loss.loss(model, TokenBatch.shifted(seqs, null), scope);
            });
        } catch (Exception e) {
            model.close();
            throw e;
        }
        return model;
    }
}
