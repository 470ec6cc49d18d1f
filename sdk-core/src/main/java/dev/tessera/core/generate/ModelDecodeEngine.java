package dev.tessera.core.generate;

import dev.tessera.core.model.DecoderModel;
import java.util.Objects;

/** What the engines that run a {@link DecoderModel}'s own forward pass share: the model and its sizes. */
abstract class ModelDecodeEngine implements DecodeEngine {
    /** The model whose forward pass the engine runs. */
    final DecoderModel model;

    ModelDecodeEngine(DecoderModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public final int contextLength() {
        return model.config().contextLength();
    }

    @Override
    public final int vocabSize() {
        return model.config().vocabSize();
    }
}
