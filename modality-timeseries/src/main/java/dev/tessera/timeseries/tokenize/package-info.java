/**
 * The two series tokenizers and their detokenizers: Chronos-style mean scaling with uniform bins
 * ({@link dev.tessera.timeseries.tokenize.ScaleBinTokenizer}) and instance-normalised (RevIN)
 * patches carried as continuous features ({@link dev.tessera.timeseries.tokenize.PatchTokenizer}).
 * Multivariate series are tokenized channel by channel (channel independence).
 *
 * @see dev.tessera.timeseries.tokenize.ScaleBinDetokenizer
 * @see dev.tessera.timeseries.tokenize.PatchDetokenizer
 */
package dev.tessera.timeseries.tokenize;
