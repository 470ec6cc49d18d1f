package dev.tessera.serve;

import com.google.gson.JsonObject;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.modality.Modality;
import dev.tessera.serve.api.ApiException;
import dev.tessera.serve.batch.ContinuousBatcher;
import dev.tessera.serve.batch.QueueFullException;
import dev.tessera.serve.media.MediaRoutes;
import dev.tessera.serve.openai.OpenAiRoutes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tessera serve}: an OpenAI-compatible HTTP server over one loaded model, on Javalin 7 (Jetty 12).
 *
 * <ul>
 *   <li>{@code POST /v1/completions}, {@code POST /v1/chat/completions} (streamed or not), {@code GET /v1/models};
 *   <li>{@code POST /v1/images/generations}, {@code /v1/captions}, {@code /v1/forecasts}, {@code /v1/shapes}: the
 *       modalities the bundle was trained with ({@link MediaRoutes});
 *   <li>{@code GET /health} and {@code GET /metrics} (Prometheus).
 * </ul>
 *
 * <p>Text generations share one continuously batched decode ({@link ContinuousBatcher}). Every refusal is a 4xx
 * with an OpenAI error object naming the field; a full queue is 429 with {@code Retry-After}.
 *
 * <pre>{@code
 * try (TesseraModel m = TesseraModel.load(Path.of("moby.tessera"));
 *         TesseraServer s = TesseraServer.start(m, "moby", ServerConfig.defaults())) {
 *     s.awaitStop();
 * }
 * }</pre>
 */
public final class TesseraServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TesseraServer.class);
    private final ContinuousBatcher batcher;
    private final ServeMetrics metrics;
    private final Javalin app;

    private TesseraServer(TesseraModel model, String modelId, ServerConfig config) {
        String text = textModality(model);
        Holder holder = new Holder();
        this.metrics = new ServeMetrics(() -> holder.batcher == null ? 0 : holder.batcher.queued(),
                () -> holder.batcher == null ? 0 : holder.batcher.running());
        this.batcher = text == null ? null : new ContinuousBatcher(model, config.batch(), config.queue(), metrics);
        holder.batcher = batcher;
        OpenAiRoutes openai = text == null ? null : new OpenAiRoutes(model, modelId, text, batcher, config.maxTokens());
        MediaRoutes media = new MediaRoutes(model, config.maxTokens(), config.queue() + config.batch());
        JsonBodies bodies = new JsonBodies(config.maxBodyBytes());
        ApiKeyCheck key = new ApiKeyCheck(config.apiKey());
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            c.http.maxRequestSize = config.maxBodyBytes() + 1L;
            c.requestLogger.http((ctx, ms) -> metrics.request(ctx.endpoint() == null ? "other"
                    : ctx.endpoint().path, ctx.statusCode(), (long) (ms * 1e6)));
            c.routes.before(ctx -> {
                if (!ctx.path().equals("/health")) {
                    key.check(ctx.header("Authorization"));
                }
            });
            c.routes.get("/health", ctx -> json(ctx, health(modelId, model)));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            c.routes.get("/v1/models", ctx -> json(ctx, needText(openai).models()));
            c.routes.post("/v1/completions", ctx -> needText(openai).complete(ctx, bodies.read(ctx), false,
                    TesseraServer::clientOpen));
            c.routes.post("/v1/chat/completions", ctx -> needText(openai).complete(ctx, bodies.read(ctx), true,
                    TesseraServer::clientOpen));
            post(c, "/v1/images/generations", ctx -> json(ctx, media.image(bodies.read(ctx))));
            post(c, "/v1/captions", ctx -> json(ctx, media.caption(bodies.read(ctx))));
            post(c, "/v1/forecasts", ctx -> json(ctx, media.forecast(bodies.read(ctx))));
            post(c, "/v1/shapes", ctx -> json(ctx, media.shape(bodies.read(ctx))));
            c.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            c.routes.exception(QueueFullException.class, (e, ctx) -> {
                ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
                error(ctx, new ApiException(429, "rate_limit_exceeded", null, "queue_full",
                        "the server is busy (" + e.getMessage() + "); retry after " + e.retryAfterSeconds() + " s"));
            });
            c.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("request {} failed", ctx.path(), e);
                error(ctx, new ApiException(500, "server_error", null, null, "internal error: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            });
            c.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, javalinRefusal(e, ctx)));
            c.routes.error(404, ctx -> {
                String type = ctx.contentType();
                if (type == null || !type.startsWith("application/json")) {
                    error(ctx, javalinRefusal(new NotFoundResponse(), ctx));
                }
            });
            c.http.prefer405over404 = true;
        });
        app.start();
    }

    /** Where the batcher is read from before it exists (the metrics gauges are made first). */
    private static final class Holder {
        private ContinuousBatcher batcher;
    }

    /**
     * Starts a server.
     *
     * @param model the model (left open when the server closes)
     * @param modelId the id clients send as {@code model}
     * @param config where to listen and what to admit
     * @return the running server
     */
    public static TesseraServer start(TesseraModel model, String modelId, ServerConfig config) {
        return new TesseraServer(model, modelId, config);
    }

    /** @return the port it listens on */
    public int port() {
        return app.port();
    }

    /** Blocks until the JVM is stopped (Ctrl-C), then closes the server. */
    public void awaitStop() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "tessera-serve-stop"));
        Thread.currentThread().join();
    }

    private static void post(io.javalin.config.JavalinConfig c, String path, Handler h) {
        c.routes.post(path, h);
    }

    private static OpenAiRoutes needText(OpenAiRoutes r) {
        if (r == null) {
            throw new ApiException(404, "invalid_request_error", null, "unsupported_modality",
                    "this model has no text modality, so it has no text endpoints");
        }
        return r;
    }

    private static JsonObject health(String id, TesseraModel model) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        o.addProperty("model", id);
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, Modality<?>> m : model.modalities().entrySet()) {
            names.add(m.getKey() + " (" + m.getValue().type().getSimpleName() + ")");
        }
        o.addProperty("modalities", String.join(", ", names));
        o.addProperty("context_length", model.contextLength());
        return o;
    }

    /** Javalin's own refusals (no such endpoint, wrong method, ...) as OpenAI error objects. */
    private static ApiException javalinRefusal(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        if (status == 404) {
            return new ApiException(404, "invalid_request_error", null, "unknown_url", "no endpoint " + ctx.method()
                    + " " + ctx.path() + "; see GET /v1/models, POST /v1/completions, POST /v1/chat/completions");
        }
        if (status == 405) {
            return new ApiException(405, "invalid_request_error", null, "method_not_allowed", ctx.method()
                    + " is not allowed on " + ctx.path());
        }
        return new ApiException(status, "invalid_request_error", null, null, e.getMessage());
    }

    private static void json(Context ctx, JsonObject o) {
        ctx.contentType("application/json").result(OpenAiRoutes.gson().toJson(o));
    }

    private static void error(Context ctx, ApiException e) {
        JsonObject o = new JsonObject();
        o.add("error", OpenAiRoutes.errorBody(e));
        ctx.status(e.status());
        json(ctx, o);
    }

    /** Whether the client's connection is still open (Jetty sees a closed one once it reads or writes). */
    private static boolean clientOpen(Context ctx) {
        try {
            return ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection()
                    .getEndPoint().isOpen();
        } catch (RuntimeException unknown) {
            return true;
        }
    }

    /** The model's one text modality (a String reader and writer), preferring the one named "text"; or null. */
    static String textModality(TesseraModel model) {
        if (model.modalities().containsKey("text") && model.modalities().get("text").type() == String.class) {
            return "text";
        }
        List<String> text = model.modalities().entrySet().stream().filter(e -> e.getValue().type() == String.class)
                .map(Map.Entry::getKey).toList();
        return text.size() == 1 ? text.get(0) : null;
    }

    /** Stops listening, fails what is still queued or running, and closes the batch (not the model). */
    @Override
    public void close() {
        app.stop();
        if (batcher != null) {
            batcher.close();
        }
    }
}
