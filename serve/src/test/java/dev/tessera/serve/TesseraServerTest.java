package dev.tessera.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.serve.openai.ChatTemplate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TesseraServerTest {
    private static TesseraModel model;
    private static TesseraServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        model = TinyModels.text(96);
        server = TesseraServer.start(model, "tiny", ServerConfig.defaults().withPort(0).withBatch(4, 8));
        http = new Http(server.port(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    static String completion(String prompt, int maxTokens, long seed, String extra) {
        return "{\"model\":\"tiny\",\"prompt\":" + quote(prompt) + ",\"max_tokens\":" + maxTokens + ",\"seed\":" + seed
                + ",\"temperature\":0.9" + extra + "}";
    }

    static String quote(String s) {
        JsonObject o = new JsonObject();
        o.addProperty("s", s);
        String j = o.toString();
        return j.substring(5, j.length() - 1);
    }

    @Test
    void completion_isTheModelsSeededAnswer_withUsage() throws Exception {
        Http.Reply r = http.post("/v1/completions", completion("Call me Ishmael.", 12, 7, ""));
        assertEquals(200, r.status(), r.body());
        JsonObject o = r.json();
        assertEquals("text_completion", o.get("object").getAsString());
        JsonObject c = o.getAsJsonArray("choices").get(0).getAsJsonObject();
        String want = model.generate("Call me Ishmael.", SamplingConfig.sample(0.9, 7, 12));
        assertEquals(want, c.get("text").getAsString(), "the server's text is TesseraModel.generate's, same seed");
        assertEquals("length", c.get("finish_reason").getAsString());
        JsonObject u = o.getAsJsonObject("usage");
        assertEquals(16, u.get("prompt_tokens").getAsInt(), "16 bytes of prompt");
        assertEquals(12, u.get("completion_tokens").getAsInt());
        assertEquals(28, u.get("total_tokens").getAsInt());
    }

    @Test
    void streamed_chunksConcatenate_toTheUnstreamedText_thenDone() throws Exception {
        String plain = http.post("/v1/completions", completion("The whale", 20, 3, "")).json()
                .getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
        Http.Reply r = http.post("/v1/completions", completion("The whale", 20, 3, ",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true}"));
        assertEquals(200, r.status());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = sse(r.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonObject usage = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonObject chunk = JsonParser.parseString(e).getAsJsonObject();
            JsonArray choices = chunk.getAsJsonArray("choices");
            if (choices.isEmpty()) {
                usage = chunk.getAsJsonObject("usage");
                continue;
            }
            JsonObject c = choices.get(0).getAsJsonObject();
            text.append(c.get("text").getAsString());
            if (!c.get("finish_reason").isJsonNull()) {
                finish = c.get("finish_reason").getAsString();
            }
        }
        assertEquals(plain, text.toString());
        assertEquals("length", finish);
        assertEquals(20, usage.get("completion_tokens").getAsInt());
    }

    @Test
    void chat_rendersTheTemplate_andStreamsDeltasWithRoleFirst() throws Exception {
        String body = "{\"model\":\"tiny\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":\"Who?\"}],\"max_tokens\":10,\"seed\":5,\"temperature\":0.8}";
        Http.Reply r = http.post("/v1/chat/completions", body);
        assertEquals(200, r.status(), r.body());
        JsonObject msg = r.json().getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("message");
        assertEquals("assistant", msg.get("role").getAsString());
        String rendered = ChatTemplate.render(List.of(new ChatTemplate.Message("system", "Be brief."),
                new ChatTemplate.Message("user", "Who?")));
        assertEquals("Be brief.\n\nUser: Who?\nAssistant:", rendered);
        String want = model.generate(rendered, SamplingConfig.sample(0.8, 5, 10));
        for (String stop : ChatTemplate.STOPS) {
            int i = want.indexOf(stop);
            want = i >= 0 ? want.substring(0, i) : want;
        }
        assertEquals(want, msg.get("content").getAsString());
        assertEquals(rendered.length(), r.json().getAsJsonObject("usage").get("prompt_tokens").getAsInt());

        List<String> events = sse(http.post("/v1/chat/completions", body.replace("}", ",\"stream\":true}")
                .replace("\"Be brief.\",\"stream\":true}", "\"Be brief.\"}").replace("\"Who?\",\"stream\":true}",
                        "\"Who?\"}")).body());
        JsonObject first = JsonParser.parseString(events.get(0)).getAsJsonObject();
        assertEquals("chat.completion.chunk", first.get("object").getAsString());
        assertEquals("assistant", first.getAsJsonArray("choices").get(0).getAsJsonObject().getAsJsonObject("delta")
                .get("role").getAsString());
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) {
            JsonObject d = JsonParser.parseString(e).getAsJsonObject().getAsJsonArray("choices").get(0)
                    .getAsJsonObject().getAsJsonObject("delta");
            if (d.has("content")) {
                text.append(d.get("content").getAsString());
            }
        }
        assertEquals(msg.get("content").getAsString(), text.toString());
    }

    @Test
    void stopString_cutsTheText_andEndsWithStop() throws Exception {
        String full = model.generate("abc", SamplingConfig.sample(1.0, 21, 40));
        String stop = full.substring(10, 12);
        int cut = full.indexOf(stop);
        Http.Reply r = http.post("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"abc\",\"max_tokens\":40,"
                + "\"seed\":21,\"temperature\":1,\"stop\":[" + quote(stop) + "]}");
        JsonObject c = r.json().getAsJsonArray("choices").get(0).getAsJsonObject();
        assertEquals(full.substring(0, cut), c.get("text").getAsString());
        assertEquals("stop", c.get("finish_reason").getAsString());
    }

    @Test
    void nChoices_haveTheirOwnSeeds() throws Exception {
        Http.Reply r = http.post("/v1/completions", completion("Sea", 15, 100, ",\"n\":3"));
        JsonArray choices = r.json().getAsJsonArray("choices");
        assertEquals(3, choices.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(model.generate("Sea", SamplingConfig.sample(0.9, 100 + i, 15)),
                    choices.get(i).getAsJsonObject().get("text").getAsString(), "choice " + i + " has seed + " + i);
        }
        assertEquals(3, r.json().getAsJsonObject("usage").get("prompt_tokens").getAsInt(), "the prompt counted once");
    }

    @Test
    void concurrentSeededRequests_equalTheSameRequestsOneByOne() throws Exception {
        int n = 12;
        List<String> sequential = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sequential.add(text(http.post("/v1/completions", completion("Ahab " + i, 10 + i, i, ""))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> text(http.post("/v1/completions", completion("Ahab " + k, 10 + k, k,
                        "")))));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(sequential.get(i), futures.get(i).get(), "request " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(sequential.get(0), sequential.get(1));
    }

    private static String text(Http.Reply r) {
        assertEquals(200, r.status(), r.body());
        return r.json().getAsJsonArray("choices").get(0).getAsJsonObject().get("text").getAsString();
    }

    @Test
    void modelsHealthAndMetrics() throws Exception {
        JsonObject models = http.get("/v1/models").json();
        assertEquals("tiny", models.getAsJsonArray("data").get(0).getAsJsonObject().get("id").getAsString());
        JsonObject health = http.get("/health").json();
        assertEquals("ok", health.get("status").getAsString());
        assertTrue(health.get("modalities").getAsString().contains("text (String)"));
        http.post("/v1/completions", completion("x", 3, 1, ""));
        String metrics = http.get("/metrics").body();
        for (String name : new String[] {"tessera_requests_total", "tessera_generated_tokens_total",
            "tessera_tokens_per_second", "tessera_queue_depth", "tessera_batch_size", "tessera_time_to_first_token_seconds_bucket",
            "tessera_request_latency_seconds_bucket"}) {
            assertTrue(metrics.contains(name), name + " in\n" + metrics);
        }
        assertTrue(metrics.contains("endpoint=\"/v1/completions\""), metrics);
        System.gc(); // a gauge whose state was only weakly held would read NaN from now on
        String after = http.get("/metrics").body();
        for (String gauge : new String[] {"tessera_queue_depth ", "tessera_batch_running ", "tessera_tokens_per_second "}) {
            String line = after.lines().filter(l -> l.startsWith(gauge)).findFirst().orElseThrow();
            double v = Double.parseDouble(line.substring(gauge.length()).trim());
            assertTrue(v >= 0, line);
        }
    }

    @Test
    void aClientThatDisconnectsMidStream_freesItsRowAtOnce() throws Exception {
        try (TesseraModel m = TinyModels.text(256);
                TesseraServer s = TesseraServer.start(m, "tiny", ServerConfig.defaults().withPort(0).withBatch(1, 0))) {
            Http h = new Http(s.port(), null);
            try (Socket sock = new Socket("127.0.0.1", s.port())) {
                String body = completion("Long", 250, 1, ",\"stream\":true");
                OutputStream out = sock.getOutputStream();
                out.write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(sock.getInputStream(),
                        StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                    // headers, then the first event
                }
                assertTrue(line != null && line.startsWith("data: "), "a first chunk arrived");
                assertEquals(429, h.post("/v1/completions", completion("x", 2, 1, "")).status(),
                        "the only row is taken, no queue");
            }
            // the socket is closed: the server sees it at its next write and frees the row
            long deadline = System.nanoTime() + 10_000_000_000L;
            int status = 429;
            while (status == 429 && System.nanoTime() < deadline) {
                Thread.sleep(50);
                status = h.post("/v1/completions", completion("x", 2, 1, "")).status();
            }
            assertEquals(200, status, "the disconnected stream left the batch");
        }
    }

    @Test
    void aFullQueue_answers429_withRetryAfter_andRecovers() throws Exception {
        try (TesseraModel m = TinyModels.text(256);
                TesseraServer s = TesseraServer.start(m, "tiny", ServerConfig.defaults().withPort(0).withBatch(2, 2))) {
            Http h = new Http(s.port(), null);
            int clients = 12;
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<Http.Reply>> f = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int k = i;
                    f.add(pool.submit(() -> h.post("/v1/completions", completion("q" + k, 120, k, ""))));
                }
                int ok = 0;
                int busy = 0;
                for (Future<Http.Reply> r : f) {
                    Http.Reply reply = r.get();
                    if (reply.status() == 200) {
                        ok++;
                    } else {
                        assertEquals(429, reply.status(), reply.body());
                        assertEquals("rate_limit_exceeded", reply.error().get("type").getAsString());
                        assertTrue(Integer.parseInt(reply.raw().headers().firstValue("Retry-After").orElse("0")) >= 1);
                        busy++;
                    }
                }
                assertTrue(ok >= 4, ok + " admitted: 2 rows + 2 waiting at least");
                assertTrue(busy > 0, "the excess was refused");
                assertEquals(clients, ok + busy);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, h.post("/v1/completions", completion("after", 3, 1, "")).status());
        }
    }

    static List<String> sse(String body) {
        List<String> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                out.add(block.substring(6));
            }
        }
        assertFalse(out.isEmpty(), body);
        return out;
    }
}
