/**
 * {@code tessera serve}: an OpenAI-compatible HTTP server (Javalin 7 on Jetty 12) over one loaded model, with
 * continuous batching, an optional API key, bounded bodies and queue, and Prometheus metrics.
 *
 * @see dev.tessera.serve.TesseraServer
 * @see dev.tessera.serve.ServerConfig
 */
package dev.tessera.serve;
