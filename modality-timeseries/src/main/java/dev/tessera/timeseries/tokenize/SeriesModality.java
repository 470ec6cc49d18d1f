package dev.tessera.timeseries.tokenize;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.timeseries.data.TimeSeries;

/**
 * A series modality of one tokenizer and its detokenizer, saved under the series provider
 * ({@link SeriesModalityState#PROVIDER}); each kind writes its own settings. Immutable and thread-safe.
 *
 * @param <K> the tokenizer
 * @param <D> the detokenizer
 */
abstract class SeriesModality<K extends ModalityTokenizer<TimeSeries>, D extends ModalityDetokenizer<TimeSeries>>
        implements Modality<TimeSeries> {
    private final String name;
    private final K tokenizer;
    private final D detokenizer;

    SeriesModality(String name, K tokenizer, D detokenizer) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.detokenizer = detokenizer;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<TimeSeries> type() {
        return TimeSeries.class;
    }

    @Override
    public K tokenizer() {
        return tokenizer;
    }

    @Override
    public D detokenizer() {
        return detokenizer;
    }

    @Override
    public String providerName() {
        return SeriesModalityState.PROVIDER;
    }
}
