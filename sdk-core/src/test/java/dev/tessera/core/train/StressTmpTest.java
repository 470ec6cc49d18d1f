package dev.tessera.core.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import org.junit.jupiter.api.Test;

class StressTmpTest {
    @Test
    void stress() throws Exception {
        int fails = 0;
        for (int rep = 0; rep < 12; rep++) {
            ModelConfig cfg = Boolean.getBoolean("stress.gpt2") ? ModelConfig.gpt2(32, 16, 2, 2, 32) : ModelConfig.modern(32, 16, 2, 2, 32);
            TokenBatch batch = TrainingLoopTest.randomBatch(9, 32);
            try (DecoderModel model = DecoderModel.create(cfg, 1, Device.cpu());
                    TokenLoss loss = new TokenLoss(VocabularyLayout.plain("bytes", 32), model.manager());
                    NDManager scope = NDManager.newBaseManager()) {
                TrainingConfig tc = new TrainingConfig(60, 1e-2, 1e-3, 10, 0.0, 0.9, 0.99, 1e-8, 1.0, 1, 0, 0, 1);
                try (TrainingLoop loop = new TrainingLoop(model, tc)) {
                    TrainingResult r = loop.run((step, micro) -> loss.loss(model, batch, scope));
                    System.out.println("rep " + rep + " loss " + r.finalLoss());
                } catch (TrainingDivergedException e) {
                    fails++;
                    System.out.println("rep " + rep + " " + e.getMessage());
                }
            }
            System.gc();
        }
        System.out.println("FAILS " + fails);
    }
}
