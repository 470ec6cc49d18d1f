package dev.tessera.pointcloud.modality;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import java.io.IOException;

/** Restores a {@link PointCloudModality} from its saved {@code config.json}. */
public final class PointCloudModalityProvider implements ModalityProvider {

    @Override
    public String name() {
        return PointCloudModality.PROVIDER;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        try {
            PointCloudConfig c = state.getJson("config.json", PointCloudConfig.class);
            return new PointCloudModality(modalityName, c);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException("modality '" + modalityName + "': config.json is invalid: " + root.getMessage(), e);
        }
    }
}
