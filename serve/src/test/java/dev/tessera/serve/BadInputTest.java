package dev.tessera.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.tessera.core.api.TesseraModel;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every endpoint's bad requests: each a 4xx with an OpenAI error object that names the field and the fault. */
class BadInputTest {
    private static final String KEY = "s3cret-key";
    private static TesseraModel model;
    private static TesseraServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        model = TinyModels.text(64);
        server = TesseraServer.start(model, "tiny", new ServerConfig("127.0.0.1", 0, KEY, 4096, 50, 2, 4));
        http = new Http(server.port(), KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
        model.close();
    }

    static Stream<Arguments> cases() {
        String c = "/v1/completions";
        String chat = "/v1/chat/completions";
        String ok = "\"model\":\"tiny\",";
        return Stream.of(
                // path, body, status, param (or null), a fragment of the message
                Arguments.of(c, "", 400, null, "body is empty"),
                Arguments.of(c, "{\"model\":", 400, null, "not valid JSON"),
                Arguments.of(c, "[1,2]", 400, null, "must be a JSON object"),
                Arguments.of(c, "{\"prompt\":\"hi\"}", 400, "model", "'model' is required"),
                Arguments.of(c, "{\"model\":7,\"prompt\":\"hi\"}", 400, "model", "must be a string"),
                Arguments.of(c, "{\"model\":\"gpt-4\",\"prompt\":\"hi\"}", 404, "model", "serves 'tiny'"),
                Arguments.of(c, "{" + ok + "\"max_tokens\":3}", 400, "prompt", "'prompt' is required"),
                Arguments.of(c, "{" + ok + "\"prompt\":{\"a\":1}}", 400, "prompt", "must be a string"),
                Arguments.of(c, "{" + ok + "\"prompt\":[]}", 400, "prompt", "empty array"),
                Arguments.of(c, "{" + ok + "\"prompt\":[1,2,3]}", 400, "prompt", "token ids"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"\"}", 400, "prompt", "is empty"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"" + "x".repeat(64) + "\"}", 400, "prompt", "at most 64 tokens"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"max_tokens\":51}", 400, "max_tokens", "1 to 50"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"max_tokens\":0}", 400, "max_tokens", "1 to 50"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"max_tokens\":\"5\"}", 400, "max_tokens", "integer"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"max_tokens\":2.5}", 400, "max_tokens", "integer"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"temperature\":3}", 400, "temperature", "[0.0, 2.0]"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"temperature\":\"hot\"}", 400, "temperature", "number"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"top_p\":0}", 400, "top_p", "(0.0, 1.0]"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"seed\":1e30}", 400, "seed", "must be"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"n\":9}", 400, "n", "1 to 8"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}", 400, "stop",
                        "at most 4"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"stop\":[\"\"]}", 400, "stop", "empty string"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"stop\":[3]}", 400, "stop[0]", "must be a string"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"stream\":\"yes\"}", 400, "stream", "true or false"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"logprobs\":5}", 400, "logprobs", "not supported"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"echo\":true}", 400, "echo", "not supported"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"presence_penalty\":1}", 400, "presence_penalty",
                        "not supported"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"hi\",\"stream_options\":3}", 400, "stream_options", "object"),
                Arguments.of(c, "{" + ok + "\"prompt\":\"\\ud800\"}", 400, "prompt", "cannot be read"),
                Arguments.of(chat, "{" + ok + "\"prompt\":\"hi\"}", 400, "messages", "'messages' is required"),
                Arguments.of(chat, "{" + ok + "\"messages\":[]}", 400, "messages", "non-empty array"),
                Arguments.of(chat, "{" + ok + "\"messages\":\"hi\"}", 400, "messages", "non-empty array"),
                Arguments.of(chat, "{" + ok + "\"messages\":[5]}", 400, "messages[0]", "must be an object"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"content\":\"x\"}]}", 400, "messages[0].role",
                        "missing"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", 400,
                        "messages[0].role", "got 'robot'"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"user\"}]}", 400, "messages[0].content",
                        "required"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}",
                        400, "messages[0].content[0].type", "must be 'text'"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"max_completion_tokens\":99}", 400, "max_completion_tokens", "1 to 50"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{}]}",
                        400, "tools", "not supported"),
                Arguments.of(chat, "{" + ok + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                        + "\"response_format\":{\"type\":\"json_object\"}}", 400, "response_format", "not supported"),
                Arguments.of("/v1/images/generations", "{\"prompt\":\"a red circle\"}", 400, null,
                        "needs a model trained with a ImageData modality; this one has [text (String)]"),
                Arguments.of("/v1/captions", "{\"image\":\"AAAA\"}", 400, null, "ImageData modality"),
                Arguments.of("/v1/forecasts", "{\"series\":[1,2,3]}", 400, null, "TimeSeries modality"),
                Arguments.of("/v1/shapes", "{\"caption\":\"a cube\"}", 400, null, "PointCloud modality"),
                Arguments.of("/v1/nothing", "{}", 404, null, "no endpoint POST /v1/nothing"));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @MethodSource("cases")
    void badRequest_isA4xx_namingTheField(String path, String body, int status, String param, String fragment)
            throws Exception {
        Http.Reply r = http.post(path, body);
        assertEquals(status, r.status(), r.body());
        JsonObject e = r.error();
        assertTrue(e.get("message").getAsString().contains(fragment), e.get("message").getAsString());
        assertEquals(param, e.get("param").isJsonNull() ? null : e.get("param").getAsString());
        assertTrue(e.has("type") && e.has("code"), "an OpenAI error object: " + e);
    }

    @Test
    void anOversizedBody_is413_beforeItIsRead() throws Exception {
        Http.Reply r = http.post("/v1/completions", "{\"model\":\"tiny\",\"prompt\":\"" + "a".repeat(5000) + "\"}");
        assertEquals(413, r.status(), r.body());
        assertTrue(r.error().get("message").getAsString().contains("limit of 4096 bytes"));
    }

    @Test
    void aMissingOrWrongApiKey_is401_onEveryEndpointButHealth() throws Exception {
        Http none = new Http(server.port(), null);
        Http wrong = new Http(server.port(), "s3cret-kex");
        for (String path : new String[] {"/v1/completions", "/v1/chat/completions", "/v1/captions"}) {
            Http.Reply a = none.post(path, "{}");
            assertEquals(401, a.status(), path);
            assertTrue(a.error().get("message").getAsString().contains("Authorization: Bearer"));
            Http.Reply b = wrong.post(path, "{}");
            assertEquals(401, b.status(), path);
            assertEquals("invalid_api_key", b.error().get("code").getAsString());
        }
        assertEquals(401, none.get("/v1/models").status());
        assertEquals(401, none.get("/metrics").status());
        assertEquals(200, none.get("/health").status(), "health is open to probes");
        assertEquals(200, http.get("/v1/models").status(), "the right key passes");
    }

    @Test
    void aWrongMethod_is405_withAnErrorObject() throws Exception {
        Http.Reply r = http.get("/v1/completions");
        assertEquals(405, r.status(), r.body());
        assertTrue(r.error().get("message").getAsString().contains("GET is not allowed"));
    }
}
