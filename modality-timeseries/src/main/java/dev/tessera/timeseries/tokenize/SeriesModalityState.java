package dev.tessera.timeseries.tokenize;

import com.google.gson.JsonObject;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.data.TimeSeries;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the series modalities are saved in a bundle: under provider {@value #PROVIDER}, one state entry
 * {@value #ENTRY} that holds {@code kind} ({@value #KIND_SCALE_BIN} or {@value #KIND_PATCH}) and that kind's
 * settings. The modalities write it; the provider ({@code dev.tessera.timeseries.modality}) reads it back.
 */
public final class SeriesModalityState {
    /** The provider name the series modalities are saved under. */
    public static final String PROVIDER = "timeseries";
    /** The state entry with the tokenizer settings. */
    public static final String ENTRY = "series-config.json";
    /** Kind of the scale-and-bin modality. */
    public static final String KIND_SCALE_BIN = "scale-bin";
    /** Kind of the patch modality. */
    public static final String KIND_PATCH = "patch";

    private SeriesModalityState() { }

    /** Writes {@code kind} and the settings (name, value, name, value, ...) to the entry, in that order. */
    static void write(ModalityState state, String kind, Object... settings) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind);
        for (int i = 0; i < settings.length; i += 2) {
            json.put((String) settings[i], settings[i + 1]);
        }
        state.putJson(ENTRY, json);
    }

    /**
     * Reads a saved series modality.
     *
     * @param modalityName the name the modality had in the saved layout
     * @param state its saved state
     * @return a {@link ScaleBinModality} or a {@link PatchModality}
     * @throws IOException if the entry is missing, has no or an unknown kind, or its settings are malformed
     *     (the message names the modality and the entry)
     */
    public static Modality<TimeSeries> read(String modalityName, ModalityState state) throws IOException {
        JsonObject o = state.getJsonTree(ENTRY).getAsJsonObject();
        if (!o.has("kind")) {
            throw new IOException("modality '" + modalityName + "': entry " + ENTRY + " has no 'kind'");
        }
        String kind = o.get("kind").getAsString();
        try {
            if (KIND_SCALE_BIN.equals(kind)) {
                return new ScaleBinModality(modalityName, new ScaleBinConfig(o.get("bins").getAsInt(),
                        o.get("low").getAsDouble(), o.get("high").getAsDouble()));
            }
            if (KIND_PATCH.equals(kind)) {
                return new PatchModality(modalityName, new PatchConfig(o.get("patchLength").getAsInt()));
            }
        } catch (RuntimeException e) {
            throw new IOException("modality '" + modalityName + "': entry " + ENTRY + " is malformed: "
                    + e.getMessage(), e);
        }
        throw new IOException("modality '" + modalityName + "': unknown series kind '" + kind + "' (expected "
                + KIND_SCALE_BIN + " or " + KIND_PATCH + ")");
    }
}
