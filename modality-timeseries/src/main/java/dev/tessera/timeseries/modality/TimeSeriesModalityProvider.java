package dev.tessera.timeseries.modality;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.task.SeriesPatchModality;
import dev.tessera.timeseries.tokenize.PatchModality;
import dev.tessera.timeseries.tokenize.SeriesModalityState;
import java.io.IOException;

/**
 * Restores the series modalities from a model bundle (provider {@value SeriesModalityState#PROVIDER}, state
 * {@value SeriesModalityState#ENTRY}): a scale-and-bin modality as it was saved, a patch modality as the
 * continuous {@link SeriesPatchModality} over it, so a restored model forecasts through its quantile heads.
 * Registered in {@code META-INF/services/dev.tessera.core.modality.ModalityProvider}.
 */
public final class TimeSeriesModalityProvider implements ModalityProvider {

    @Override
    public String name() {
        return SeriesModalityState.PROVIDER;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        Modality<TimeSeries> m = SeriesModalityState.read(modalityName, state);
        return m instanceof PatchModality p ? new SeriesPatchModality(p) : m;
    }
}
