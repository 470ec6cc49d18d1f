package dev.tessera.serve.load;

/**
 * What one load level measured.
 *
 * @param clients concurrent clients
 * @param batch the server's batch rows
 * @param queue the server's queue
 * @param requests requests sent
 * @param ok requests answered 200
 * @param refused requests answered 429 (queue full)
 * @param errors requests that failed any other way
 * @param tokens completion tokens received
 * @param seconds wall time of the level
 * @param tokensPerSecond aggregate completion tokens per second
 * @param ttftP50Ms median time to first token (streamed), ms
 * @param ttftP99Ms 99th percentile time to first token, ms
 * @param latencyP50Ms median request latency, ms
 * @param latencyP99Ms 99th percentile request latency, ms
 * @param rssStartMb resident memory of the server's process before the level, MiB
 * @param rssEndMb resident memory after it, MiB
 * @param loadAverage the one-minute load average when the level ended
 */
public record LoadRun(int clients, int batch, int queue, int requests, int ok, int refused, int errors, long tokens,
        double seconds, double tokensPerSecond, double ttftP50Ms, double ttftP99Ms, double latencyP50Ms,
        double latencyP99Ms, double rssStartMb, double rssEndMb, double loadAverage) { }
