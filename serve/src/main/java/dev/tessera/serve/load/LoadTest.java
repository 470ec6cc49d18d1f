package dev.tessera.serve.load;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.serve.ServerConfig;
import dev.tessera.serve.TesseraServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * A bounded loopback load test of {@code tessera serve}: for each level, a server on 127.0.0.1 (fresh, on a free
 * port, over the one loaded model) and that many concurrent clients, each sending a fixed number of streamed,
 * seeded completions; it measures aggregate tokens per second, time to first token, request latency, 429s,
 * errors and the process's resident memory. Every request has a fixed count and a timeout, so a run ends by
 * itself.
 */
public final class LoadTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private final TesseraModel model;
    private final int maxTokens;
    private final List<String> prompts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param model a trained text model
     * @param maxTokens tokens per request
     * @param prompts the prompts clients cycle through
     */
    public LoadTest(TesseraModel model, int maxTokens, List<String> prompts) {
        this.model = model;
        this.maxTokens = maxTokens;
        this.prompts = List.copyOf(prompts);
    }

    /** What one request got. */
    record Result(int status, String text, int tokens, double ttftMs, double latencyMs) { }

    /**
     * Runs one level.
     *
     * @param clients concurrent clients
     * @param requestsPerClient requests each client sends, one after the other
     * @param batch the server's batch rows
     * @param queue the server's queue
     * @param texts receives each answered request's text by {@code client/request}, or null
     * @return the measurements
     * @throws InterruptedException if interrupted
     */
    public LoadRun run(int clients, int requestsPerClient, int batch, int queue, Map<String, String> texts)
            throws InterruptedException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, null, 1 << 20, Math.max(512, maxTokens), batch, queue);
        try (TesseraServer server = TesseraServer.start(model, "load", config)) {
            request(server.port(), "warm-up", 1, 4); // first use builds the engine's weights
            double rssStart = rssMb();
            List<Result> results = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        for (int i = 0; i < requestsPerClient; i++) {
                            String prompt = prompts.get((client * requestsPerClient + i) % prompts.size());
                            Result r = request(server.port(), prompt, seed(client, i), maxTokens);
                            results.add(r);
                            if (texts != null && r.status() == 200) {
                                texts.put(client + "/" + i, r.text());
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "load-client-" + c);
                threads.add(t);
                t.start();
            }
            long t0 = System.nanoTime();
            go.countDown();
            for (Thread t : threads) {
                t.join(TIMEOUT.toMillis() * requestsPerClient);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return summarize(clients, batch, queue, results, seconds, rssStart, rssMb());
        }
    }

    /**
     * Sends the same requests as a level of {@code clients} clients, one at a time, to a fresh server.
     *
     * @param clients the level's clients
     * @param requestsPerClient its requests per client
     * @return the texts by {@code client/request}
     */
    public Map<String, String> sequential(int clients, int requestsPerClient) {
        Map<String, String> texts = new ConcurrentHashMap<>();
        try (TesseraServer server = TesseraServer.start(model, "load", new ServerConfig("127.0.0.1", 0, null,
                1 << 20, Math.max(512, maxTokens), 1, 0))) {
            for (int c = 0; c < clients; c++) {
                for (int i = 0; i < requestsPerClient; i++) {
                    String prompt = prompts.get((c * requestsPerClient + i) % prompts.size());
                    Result r = request(server.port(), prompt, seed(c, i), maxTokens);
                    texts.put(c + "/" + i, r.status() == 200 ? r.text() : "HTTP " + r.status());
                }
            }
        }
        return texts;
    }

    private static long seed(int client, int i) {
        return 1000L * client + i;
    }

    /** One streamed completion; reads the SSE lines, timing the first text and the end. */
    private Result request(int port, String prompt, long seed, int tokens) {
        JsonObject body = new JsonObject();
        body.addProperty("model", "load");
        body.addProperty("prompt", prompt);
        body.addProperty("max_tokens", tokens);
        body.addProperty("temperature", 0.8);
        body.addProperty("seed", seed);
        body.addProperty("stream", true);
        JsonObject options = new JsonObject();
        options.addProperty("include_usage", true);
        body.add("stream_options", options);
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/completions"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long t0 = System.nanoTime();
        try {
            HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
            StringBuilder text = new StringBuilder();
            double ttft = -1;
            int used = 0;
            try (Stream<String> lines = r.body()) {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    String line = it.next();
                    if (r.statusCode() != 200 || !line.startsWith("data: ") || line.equals("data: [DONE]")) {
                        continue;
                    }
                    JsonObject chunk = JsonParser.parseString(line.substring(6)).getAsJsonObject();
                    if (chunk.has("usage")) {
                        used = chunk.getAsJsonObject("usage").get("completion_tokens").getAsInt();
                    }
                    if (chunk.has("error")) {
                        return new Result(500, "", 0, -1, ms(t0));
                    }
                    if (chunk.getAsJsonArray("choices").size() > 0) {
                        String piece = chunk.getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
                        if (ttft < 0 && !piece.isEmpty()) {
                            ttft = ms(t0);
                        }
                        text.append(piece);
                    }
                }
            }
            return new Result(r.statusCode(), text.toString(), used, ttft, ms(t0));
        } catch (IOException e) {
            return new Result(-1, "", 0, -1, ms(t0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", 0, -1, ms(t0));
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static LoadRun summarize(int clients, int batch, int queue, List<Result> results, double seconds,
            double rssStart, double rssEnd) {
        int ok = 0;
        int refused = 0;
        int errors = 0;
        long tokens = 0;
        List<Double> ttft = new ArrayList<>();
        List<Double> latency = new ArrayList<>();
        synchronized (results) {
            for (Result r : results) {
                if (r.status() == 200) {
                    ok++;
                    tokens += r.tokens();
                    latency.add(r.latencyMs());
                    if (r.ttftMs() >= 0) {
                        ttft.add(r.ttftMs());
                    }
                } else if (r.status() == 429) {
                    refused++;
                } else {
                    errors++;
                }
            }
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return new LoadRun(clients, batch, queue, results.size(), ok, refused, errors, tokens, seconds,
                tokens / seconds, percentile(ttft, 50), percentile(ttft, 99), percentile(latency, 50),
                percentile(latency, 99), rssStart, rssEnd, load);
    }

    /**
     * The nearest-rank percentile.
     *
     * @param values the values
     * @param p the percentile, 0 to 100
     * @return the value, or NaN when there are none
     */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    /** @return this process's resident memory in MiB (Linux), or NaN */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
