package dev.tessera.vision.modality;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.vision.kmeans.PatchCodebook;
import java.io.IOException;

/** Restores image modalities whose codec is a k-means {@link PatchCodebook} (provider {@code vision-kmeans}). */
public final class KMeansModalityProvider implements ModalityProvider {
    @Override
    public String name() {
        return PatchCodebook.PROVIDER;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        byte[] b = state.getBytes(ImageModality.CODEC_ENTRY);
        return new ImageModality(modalityName, PatchCodebook.fromBytes(b, modalityName + "/" + ImageModality.CODEC_ENTRY));
    }
}
