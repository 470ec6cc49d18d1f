package dev.tessera.vision.task;

import dev.tessera.core.generate.ClosedSetConstraint;
import dev.tessera.core.generate.GenerationContext;
import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.text.modality.ByteText;
import java.util.List;

/**
 * Closed-vocabulary captioning: inside a text segment, only bytes that continue one of the known
 * texts (and END:text once a whole text is written) are allowed: the core
 * {@link ClosedSetConstraint} over the texts' UTF-8 bytes. Outside a text segment it does nothing.
 */
public final class CaptionConstraint implements LogitsProcessor {
    private final ClosedSetConstraint bytes;

    /**
     * Creates the constraint.
     *
     * @param layout the layout (with a {@code "text"} modality)
     * @param texts the texts that may be written (at least one, none empty)
     * @throws IllegalArgumentException if there is no text or one is empty
     */
    public CaptionConstraint(VocabularyLayout layout, List<String> texts) {
        this.bytes = new ClosedSetConstraint(layout, ByteText.NAME, texts.stream().map(ByteText::encode).toList());
    }

    @Override
    public void process(GenerationContext ctx, float[] logits) {
        bytes.process(ctx, logits);
    }
}
