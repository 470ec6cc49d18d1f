package dev.tessera.serve;

import dev.tessera.serve.batch.BatchObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's Prometheus metrics (Micrometer): requests by endpoint and status, generated tokens (and tokens
 * per second over the last ten seconds), queue depth, batch size per step, and latency histograms of whole
 * requests, time to first token and batch steps.
 */
public final class ServeMetrics implements BatchObserver {
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter tokens;
    private final DistributionSummary batchSize;
    private final Timer step;
    private final Timer firstToken;
    private final Timer generation;
    private final long[] bucketTokens = new long[10];
    private final long[] bucketStart = new long[10];

    /**
     * @param queued reads the queue depth
     * @param running reads how many generations are in the batch
     */
    ServeMetrics(Supplier<Integer> queued, Supplier<Integer> running) {
        tokens = Counter.builder("tessera.generated.tokens").description("tokens generated").register(registry);
        batchSize = DistributionSummary.builder("tessera.batch.size").description("sequences advanced per step")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).register(registry);
        step = Timer.builder("tessera.batch.step").description("one batched decode step")
                .publishPercentileHistogram().register(registry);
        firstToken = Timer.builder("tessera.time.to.first.token").description("submission to first token")
                .publishPercentileHistogram().register(registry);
        generation = Timer.builder("tessera.generation").description("submission to the end of a generation")
                .publishPercentileHistogram().register(registry);
        // supplier gauges hold their function strongly (a gauge over a state object holds it weakly: a lambda
        // would be collected and the gauge read NaN)
        Gauge.builder("tessera.queue.depth", () -> queued.get()).description("requests waiting for a batch row")
                .strongReference(true).register(registry);
        Gauge.builder("tessera.batch.running", () -> running.get()).description("generations in the batch")
                .strongReference(true).register(registry);
        Gauge.builder("tessera.tokens.per.second", this, ServeMetrics::tokensPerSecond)
                .description("tokens generated per second over the last 10 s").register(registry);
    }

    /**
     * Counts a finished HTTP request.
     *
     * @param endpoint the route
     * @param status the HTTP status
     * @param nanos how long it took
     */
    void request(String endpoint, int status, long nanos) {
        Counter.builder("tessera.requests").description("HTTP requests").tag("endpoint", endpoint)
                .tag("status", Integer.toString(status)).register(registry).increment();
        Timer.builder("tessera.request.latency").description("HTTP request latency").tag("endpoint", endpoint)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }

    /** @return the Prometheus text exposition */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void onStep(int sequences, int produced, long nanos) {
        tokens.increment(produced);
        batchSize.record(sequences);
        step.record(Duration.ofNanos(nanos));
        long now = System.nanoTime();
        int b = (int) ((now / 1_000_000_000L) % bucketTokens.length);
        if (now - bucketStart[b] >= 1_000_000_000L) {
            bucketStart[b] = now - now % 1_000_000_000L;
            bucketTokens[b] = 0;
        }
        bucketTokens[b] += produced;
    }

    @Override
    public void onFirstToken(long nanosSinceSubmit) {
        firstToken.record(Duration.ofNanos(nanosSinceSubmit));
    }

    @Override
    public void onDone(long nanosSinceSubmit) {
        generation.record(Duration.ofNanos(nanosSinceSubmit));
    }

    private synchronized double tokensPerSecond() {
        long now = System.nanoTime();
        long sum = 0;
        for (int i = 0; i < bucketTokens.length; i++) {
            if (now - bucketStart[i] < WINDOW_NANOS) {
                sum += bucketTokens[i];
            }
        }
        return sum / (WINDOW_NANOS / 1e9);
    }
}
