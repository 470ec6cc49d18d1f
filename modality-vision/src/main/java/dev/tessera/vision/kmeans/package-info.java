/**
 * The k-means patch tokenizer (Image GPT / DiGIT family): {@link dev.tessera.vision.kmeans.KMeans}
 * and {@link dev.tessera.vision.kmeans.PatchCodebook}.
 */
package dev.tessera.vision.kmeans;
