package dev.tessera.pointcloud;

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
        PointCloudConfig c = state.getJson("config.json", PointCloudConfig.class);
        try {
            return new PointCloudModality(modalityName, new PointCloudConfig(c.codec(), c.depth(), c.normalize(),
                    c.outputPoints(), c.jitter(), c.seed()));
        } catch (IllegalArgumentException e) {
            throw new IOException("modality '" + modalityName + "': config.json is invalid: " + e.getMessage(), e);
        }
    }
}
