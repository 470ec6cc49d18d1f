/** Tests of k-means and the patch codebook. */
package dev.tessera.vision.kmeans;
