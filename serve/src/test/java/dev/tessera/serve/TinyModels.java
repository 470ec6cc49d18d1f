package dev.tessera.serve;

import ai.djl.Device;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.util.List;
import java.util.Map;

/** An untrained byte-level text model (the bundle {@code train-text} writes, with random weights). */
public final class TinyModels {
    private TinyModels() { }

    /**
     * @param context the context length
     * @return the model on the JVM engine
     */
    public static TesseraModel text(int context) {
        VocabularyLayout layout = VocabularyLayout.plain("text", 256);
        DecoderModel m = DecoderModel.create(ModelConfig.gpt2(256, context, 2, 2, 32), 11, Device.cpu());
        return TesseraModel.of(ModelBundle.of(m, layout, List.of(ByteText.modality()), Map.of("made_by", "serve test")), EngineChoice.JVM);
    }
}
