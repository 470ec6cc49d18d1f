package dev.tessera.timeseries;

import com.google.gson.JsonObject;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.task.SeriesPatchModality;
import dev.tessera.timeseries.tokenize.PatchConfig;
import dev.tessera.timeseries.tokenize.PatchModality;
import dev.tessera.timeseries.tokenize.ScaleBinConfig;
import dev.tessera.timeseries.tokenize.ScaleBinModality;
import java.io.IOException;

/**
 * Restores the series modalities from a model bundle. The state entry {@value #CONFIG_ENTRY}
 * holds {@code kind} ({@value #KIND_SCALE_BIN} or {@value #KIND_PATCH}) and that kind's settings.
 * Registered in {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}.
 */
public final class TimeSeriesModalityProvider implements ModalityProvider {
    /** The provider name. */
    public static final String NAME = "timeseries";
    /** The state entry with the tokenizer settings. */
    public static final String CONFIG_ENTRY = "series-config.json";
    /** Kind of the scale-and-bin modality. */
    public static final String KIND_SCALE_BIN = "scale-bin";
    /** Kind of the patch modality. */
    public static final String KIND_PATCH = "patch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        JsonObject o = state.getJsonTree(CONFIG_ENTRY).getAsJsonObject();
        if (!o.has("kind")) {
            throw new IOException("modality '" + modalityName + "': entry " + CONFIG_ENTRY + " has no 'kind'");
        }
        String kind = o.get("kind").getAsString();
        try {
            if (KIND_SCALE_BIN.equals(kind)) {
                return new ScaleBinModality(modalityName, new ScaleBinConfig(o.get("bins").getAsInt(),
                        o.get("low").getAsDouble(), o.get("high").getAsDouble()));
            }
            if (KIND_PATCH.equals(kind)) {
                return new SeriesPatchModality(new PatchModality(modalityName,
                        new PatchConfig(o.get("patchLength").getAsInt())));
            }
        } catch (RuntimeException e) {
            throw new IOException("modality '" + modalityName + "': entry " + CONFIG_ENTRY + " is malformed: "
                    + e.getMessage(), e);
        }
        throw new IOException("modality '" + modalityName + "': unknown series kind '" + kind + "' (expected "
                + KIND_SCALE_BIN + " or " + KIND_PATCH + ")");
    }
}
