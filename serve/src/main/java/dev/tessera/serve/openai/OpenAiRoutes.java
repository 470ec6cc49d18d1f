package dev.tessera.serve.openai;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.tessera.core.api.GenerationPlan;
import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.serve.api.ApiException;
import dev.tessera.serve.batch.Completion;
import dev.tessera.serve.batch.ContinuousBatcher;
import dev.tessera.serve.batch.Job;
import dev.tessera.serve.batch.JobListener;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * OpenAI's text endpoints over a {@link ContinuousBatcher}: {@code POST /v1/completions},
 * {@code POST /v1/chat/completions} (messages rendered by {@link ChatTemplate}) and {@code GET /v1/models}.
 * With {@code "stream": true} the answer is server-sent events, {@code data: {chunk}} per piece of text and
 * {@code data: [DONE]} at the end, as OpenAI's clients read them (text decoded within 20 ms of the last write goes
 * out in one chunk). A client that disconnects is taken out of the
 * batch at once (streamed: at the next write; otherwise when its connection is seen closed).
 */
public final class OpenAiRoutes {
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    /**
     * The least time between two writes of a stream: text decoded meanwhile goes out in one chunk, so a fast
     * model does not cost a write, a flush and a client wake-up per token (the first piece is not delayed).
     */
    private static final long FLUSH_NANOS = 20_000_000L;
    private final TesseraModel model;
    private final String modelId;
    private final String textModality;
    private final ContinuousBatcher batcher;
    private final int maxTokens;
    private final long created = System.currentTimeMillis() / 1000;

    /**
     * @param model the model
     * @param modelId the id clients name it by
     * @param textModality the model's text modality
     * @param batcher the batcher generations run in
     * @param maxTokens the server's limit on {@code max_tokens}
     */
    public OpenAiRoutes(TesseraModel model, String modelId, String textModality, ContinuousBatcher batcher,
            int maxTokens) {
        this.model = model;
        this.modelId = modelId;
        this.textModality = textModality;
        this.batcher = batcher;
        this.maxTokens = maxTokens;
    }

    /**
     * {@code GET /v1/models}.
     *
     * @return the list with the one model served
     */
    public JsonObject models() {
        JsonObject m = new JsonObject();
        m.addProperty("id", modelId);
        m.addProperty("object", "model");
        m.addProperty("created", created);
        m.addProperty("owned_by", "tessera");
        JsonObject list = new JsonObject();
        list.addProperty("object", "list");
        list.add("data", OpenAiJson.array(m));
        return list;
    }

    /**
     * Answers a completion or chat completion.
     *
     * @param ctx the request
     * @param body its JSON body
     * @param chat whether it is a chat completion
     * @param clientOpen tells whether the client is still connected
     * @throws IOException if the response cannot be written
     */
    public void complete(Context ctx, JsonObject body, boolean chat, Predicate<Context> clientOpen)
            throws IOException {
        TextRequest r = TextRequest.parse(body, chat, maxTokens);
        if (!modelId.equals(r.model())) {
            throw new ApiException(404, "invalid_request_error", "model", "model_not_found", "the model '"
                    + r.model() + "' does not exist here; this server serves '" + modelId + "' (GET /v1/models)");
        }
        List<GenerationPlan<String>> plans = new ArrayList<>();
        int promptTokens = 0;
        for (int p = 0; p < r.prompts().size(); p++) {
            for (int i = 0; i < r.n(); i++) {
                int k = p * r.n() + i;
                GenerationPlan<String> plan = plan(r.prompts().get(p), r.sampling().withSeed(r.sampling().seed() + k),
                        chat ? "messages" : "prompt");
                plans.add(plan);
                promptTokens += i == 0 ? plan.prompt().length : 0;
            }
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        List<Job> jobs = new ArrayList<>();
        try {
            for (int k = 0; k < plans.size(); k++) {
                jobs.add(batcher.submit(plans.get(k), r.stops(), new Forward(k, plans.size(), events)));
            }
            String id = (chat ? "chatcmpl-" : "cmpl-") + UUID.randomUUID().toString().replace("-", "");
            if (r.stream()) {
                stream(ctx, r, id, plans.size(), promptTokens, events);
            } else {
                collect(ctx, r, id, plans.size(), promptTokens, events, clientOpen);
            }
        } finally {
            for (Job j : jobs) {
                j.cancel();
            }
        }
    }

    private GenerationPlan<String> plan(String text, SamplingConfig sampling, String param) {
        GenerationPlan<String> plan;
        try {
            plan = model.plan(Prompt.of(Prompt.part(textModality, text)), textModality, String.class, sampling);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(param, "'" + param + "' cannot be read by the model: " + e.getMessage());
        }
        int n = plan.prompt().length;
        if (n == 0) {
            throw ApiException.invalid(param, "'" + param + "' is empty; give the model some text to continue");
        }
        if (n >= model.contextLength()) {
            throw new ApiException(400, "invalid_request_error", param, "context_length_exceeded", "'" + param
                    + "' is " + n + " tokens; this model reads at most " + model.contextLength()
                    + " tokens, prompt and answer together (the answer needs at least one)");
        }
        return plan;
    }

    private void collect(Context ctx, TextRequest r, String id, int count, int promptTokens,
            BlockingQueue<Event> events, Predicate<Context> clientOpen) throws IOException {
        Completion[] done = new Completion[count];
        int remaining = count;
        while (remaining > 0) {
            Event e;
            try {
                e = events.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e == null) {
                if (!clientOpen.test(ctx)) {
                    return; // the finally of complete() takes the jobs out of the batch
                }
                continue;
            }
            if (e.error() != null) {
                throw failure(e.error());
            }
            if (e.done() != null) {
                done[e.index()] = e.done();
                remaining--;
            }
        }
        JsonObject o = OpenAiJson.envelope(id, r.chat() ? "chat.completion" : "text_completion", now(), modelId);
        JsonArray choices = new JsonArray();
        int completionTokens = 0;
        for (int k = 0; k < count; k++) {
            choices.add(OpenAiJson.choice(r.chat(), k, done[k].text(), done[k].finishReason(), false, false));
            completionTokens += done[k].completionTokens();
        }
        o.add("choices", choices);
        o.add("usage", OpenAiJson.usage(promptTokens, completionTokens));
        ctx.contentType("application/json").result(GSON.toJson(o));
    }

    private void stream(Context ctx, TextRequest r, String id, int count, int promptTokens,
            BlockingQueue<Event> events) throws IOException {
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        String object = r.chat() ? "chat.completion.chunk" : "text_completion";
        long t = now();
        try {
            if (r.chat()) {
                for (int k = 0; k < count; k++) {
                    send(out, chunk(id, object, t, OpenAiJson.choice(true, k, "", null, true, true)));
                }
                out.flush();
            }
            int remaining = count;
            int completionTokens = 0;
            long lastFlush = 0;
            boolean failed = false;
            StringBuilder[] pending = new StringBuilder[count];
            while (remaining > 0 && !failed) {
                Event first = events.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    out.flush(); // a closed connection shows here too
                    continue;
                }
                List<Event> round = new ArrayList<>();
                round.add(first);
                gather(events, round, lastFlush + FLUSH_NANOS, count - remaining);
                for (Event e : round) {
                    if (e.error() != null) {
                        JsonObject err = new JsonObject();
                        err.add("error", errorBody(failure(e.error())));
                        send(out, err);
                        failed = true;
                        break;
                    }
                    int k = e.index();
                    if (e.text() != null) {
                        pending[k] = pending[k] == null ? new StringBuilder(e.text()) : pending[k].append(e.text());
                        continue;
                    }
                    sendText(out, r, id, object, t, k, pending);
                    remaining--;
                    completionTokens += e.done().completionTokens();
                    send(out, chunk(id, object, t, OpenAiJson.choice(r.chat(), k, r.chat() ? null : "",
                            e.done().finishReason(), true, false)));
                }
                for (int k = 0; k < count && !failed; k++) {
                    sendText(out, r, id, object, t, k, pending);
                }
                out.flush();
                lastFlush = System.nanoTime();
            }
            if (r.includeUsage() && remaining == 0) {
                JsonObject u = OpenAiJson.envelope(id, object, t, modelId);
                u.add("choices", new JsonArray());
                u.add("usage", OpenAiJson.usage(promptTokens, completionTokens));
                send(out, u);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client went away: complete()'s finally frees its rows
        }
    }

    /**
     * Adds to {@code round} what arrives until the deadline, or until every choice has ended (a finished stream
     * is not held back).
     */
    private static void gather(BlockingQueue<Event> events, List<Event> round, long deadline, int ended)
            throws InterruptedException {
        int count = ended;
        for (Event e : round) {
            count += e.done() != null || e.error() != null ? 1 : 0;
        }
        int choices = round.get(0).choices();
        while (count < choices) {
            long wait = deadline - System.nanoTime();
            Event e = wait > 0 ? events.poll(wait, TimeUnit.NANOSECONDS) : events.poll();
            if (e == null) {
                return;
            }
            round.add(e);
            count += e.done() != null || e.error() != null ? 1 : 0;
        }
    }

    /** Sends a choice's text gathered since the last write as one chunk. */
    private void sendText(OutputStream out, TextRequest r, String id, String object, long t, int k,
            StringBuilder[] pending) throws IOException {
        if (pending[k] != null && pending[k].length() > 0) {
            send(out, chunk(id, object, t, OpenAiJson.choice(r.chat(), k, pending[k].toString(), null, true, false)));
            pending[k] = null;
        }
    }

    private JsonObject chunk(String id, String object, long t, JsonObject choice) {
        JsonObject c = OpenAiJson.envelope(id, object, t, modelId);
        c.add("choices", OpenAiJson.array(choice));
        return c;
    }

    private static void send(OutputStream out, JsonObject o) throws IOException {
        out.write(("data: " + GSON.toJson(o) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code error} object of an OpenAI error response.
     *
     * @param e the refusal
     * @return {@code {"message", "type", "param", "code"}}
     */
    public static JsonObject errorBody(ApiException e) {
        JsonObject o = new JsonObject();
        o.addProperty("message", e.getMessage());
        o.addProperty("type", e.type());
        o.addProperty("param", e.param());
        o.addProperty("code", e.code());
        return o;
    }

    /** @return Gson set up as every response is written */
    public static Gson gson() {
        return GSON;
    }

    private static ApiException failure(RuntimeException e) {
        return e instanceof IllegalArgumentException ? ApiException.invalid(null, e.getMessage())
                : new ApiException(500, "server_error", null, null, "generation failed: " + e.getMessage());
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** What a job reported: text, its end, or its failure. */
    private record Event(int index, int choices, String text, Completion done, RuntimeException error) { }

    /** Hands a job's reports to the request thread. */
    private record Forward(int index, int choices, BlockingQueue<Event> events) implements JobListener {
        @Override
        public void onText(String piece) {
            events.add(new Event(index, choices, piece, null, null));
        }

        @Override
        public void onDone(Completion completion) {
            events.add(new Event(index, choices, null, completion, null));
        }

        @Override
        public void onError(RuntimeException error) {
            events.add(new Event(index, choices, null, null, error));
        }
    }
}
