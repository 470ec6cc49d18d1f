/**
 * A bounded loopback load test of the server (tokens per second, time to first token, latency, 429s, memory)
 * and its plot.
 *
 * @see dev.tessera.serve.load.LoadTest
 * @see dev.tessera.serve.load.LoadPlot
 */
package dev.tessera.serve.load;
