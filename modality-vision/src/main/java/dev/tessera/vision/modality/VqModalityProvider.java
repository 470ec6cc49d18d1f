package dev.tessera.vision.modality;

import ai.djl.Device;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.vision.vq.VqAutoencoder;
import java.io.IOException;

/** Restores image modalities whose codec is a {@link VqAutoencoder} (provider {@code vision-vq}). */
public final class VqModalityProvider implements ModalityProvider {
    @Override
    public String name() {
        return VqAutoencoder.PROVIDER;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        byte[] b = state.getBytes(ImageModality.CODEC_ENTRY);
        return new ImageModality(modalityName, VqAutoencoder.fromBytes(b, modalityName + "/" + ImageModality.CODEC_ENTRY,
                Device.cpu()));
    }
}
