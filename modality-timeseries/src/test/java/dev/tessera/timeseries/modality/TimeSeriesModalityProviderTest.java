package dev.tessera.timeseries.modality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tessera.core.modality.ContinuousModality;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.tokenize.PatchConfig;
import dev.tessera.timeseries.tokenize.PatchModality;
import dev.tessera.timeseries.tokenize.ScaleBinConfig;
import dev.tessera.timeseries.tokenize.ScaleBinModality;
import dev.tessera.timeseries.tokenize.SeriesModalityState;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The series provider, found through {@code META-INF/services}, restores what the series modalities save. */
class TimeSeriesModalityProviderTest {
    @Test
    void provider_restoresBothKindsFromSavedState() throws IOException {
        ModalityRegistry reg = ModalityRegistry.discover();
        assertTrue(reg.names().contains(SeriesModalityState.PROVIDER), "found through META-INF/services");
        for (Modality<TimeSeries> m : List.<Modality<TimeSeries>>of(new PatchModality("series", new PatchConfig(16)),
                new ScaleBinModality("series", new ScaleBinConfig(100, -5, 5)))) {
            ModalityState st = new ModalityState(m.name());
            m.save(st);
            Modality<?> back = reg.provider(m.providerName()).load(m.name(), st);
            assertEquals(m.tokenizer().getClass(), back.tokenizer().getClass());
            assertEquals(m.vocabularySize(), back.vocabularySize());
            // patches come back as the continuous modality (adapter and quantile heads), bins as tokens only
            assertEquals(m instanceof PatchModality, back instanceof ContinuousModality);
        }
        ModalityState bad = new ModalityState("series");
        bad.putJson(SeriesModalityState.ENTRY, Map.of("kind", "wavelets"));
        IOException e = assertThrows(IOException.class, () -> new TimeSeriesModalityProvider().load("series", bad));
        assertTrue(e.getMessage().contains("wavelets"), e.getMessage());
    }
}
