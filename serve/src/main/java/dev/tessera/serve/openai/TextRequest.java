package dev.tessera.serve.openai;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.serve.api.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A checked {@code /v1/completions} or {@code /v1/chat/completions} request: the prompts, sampling settings,
 * stop strings, how many choices, whether to stream.
 *
 * @param chat whether it came as chat messages
 * @param model the model it names
 * @param prompts the prompt texts (chat: one, the rendered conversation)
 * @param sampling temperature, top-p, seed and max tokens
 * @param stops the stop strings (chat: with the template's)
 * @param n choices per prompt
 * @param stream whether to answer with server-sent events
 * @param includeUsage whether a streamed answer ends with a usage chunk
 */
public record TextRequest(boolean chat, String model, List<String> prompts, SamplingConfig sampling,
        List<String> stops, int n, boolean stream, boolean includeUsage) {

    /** The most choices one request may ask for. */
    public static final int MAX_N = 8;
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    /**
     * Reads and checks a request body.
     *
     * @param body the JSON body
     * @param chat whether it is a chat completion
     * @param maxTokensLimit the server's limit on {@code max_tokens}
     * @return the request
     * @throws ApiException 400 naming the first wrong field
     */
    public static TextRequest parse(JsonObject body, boolean chat, int maxTokensLimit) {
        Fields f = new Fields(body);
        String model = f.requiredString("model");
        List<String> prompts = new ArrayList<>();
        if (chat) {
            prompts.add(ChatTemplate.render(messages(f)));
        } else {
            if (!f.has("prompt")) {
                throw ApiException.invalid("prompt", "'prompt' is required (a string or an array of strings)");
            }
            JsonElement p = f.get("prompt");
            if (p.isJsonArray() && p.getAsJsonArray().size() > 0 && p.getAsJsonArray().get(0).isJsonPrimitive()
                    && p.getAsJsonArray().get(0).getAsJsonPrimitive().isNumber()) {
                throw ApiException.invalid("prompt", "'prompt' as token ids is not supported; send text");
            }
            prompts.addAll(f.strings("prompt", 16, true));
            if (prompts.isEmpty()) {
                throw ApiException.invalid("prompt", "'prompt' must not be an empty array");
            }
        }
        String maxName = chat && f.has("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        int maxTokens = (int) f.integer(maxName, Math.min(chat ? 256 : 16, maxTokensLimit), 1, maxTokensLimit);
        double temperature = f.number("temperature", 1.0, 0, 2, false);
        double topP = f.number("top_p", 1.0, 0, 1, true);
        long seed = f.has("seed") ? f.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE)
                : ThreadLocalRandom.current().nextLong();
        int n = (int) f.integer("n", 1, 1, MAX_N);
        if (n * prompts.size() > 16) {
            throw ApiException.invalid("n", "'n' (" + n + ") times the " + prompts.size()
                    + " prompts asks for more than 16 choices");
        }
        List<String> stops = new ArrayList<>(f.strings("stop", 4, false));
        if (chat) {
            stops.addAll(ChatTemplate.STOPS);
        }
        boolean stream = f.bool("stream", false);
        boolean includeUsage = false;
        if (f.has("stream_options")) {
            if (!f.get("stream_options").isJsonObject()) {
                throw ApiException.invalid("stream_options", "'stream_options' must be an object");
            }
            includeUsage = new Fields(f.get("stream_options").getAsJsonObject()).bool("include_usage", false);
        }
        unsupported(f, chat);
        SamplingConfig sampling = temperature == 0 ? SamplingConfig.greedy(maxTokens).withSeed(seed)
                : SamplingConfig.sample(temperature, seed, maxTokens).withTopP(topP);
        return new TextRequest(chat, model, prompts, sampling, stops, n, stream, includeUsage);
    }

    /** Refuses the options this server does not implement, unless they are sent as their defaults. */
    private static void unsupported(Fields f, boolean chat) {
        f.unsupportedUnless("logprobs", f.get("logprobs") != null && f.get("logprobs").isJsonPrimitive()
                && f.get("logprobs").getAsJsonPrimitive().isBoolean() && !f.get("logprobs").getAsBoolean());
        f.unsupportedUnless("top_logprobs", false);
        f.unsupportedUnless("echo", !f.bool("echo", false));
        f.unsupportedUnless("best_of", f.integer("best_of", 1, 1, 1) == 1);
        f.unsupportedUnless("suffix", false);
        f.unsupportedUnless("logit_bias", f.get("logit_bias") != null && f.get("logit_bias").isJsonObject()
                && f.get("logit_bias").getAsJsonObject().size() == 0);
        f.unsupportedUnless("tools", f.get("tools") != null && f.get("tools").isJsonArray()
                && f.get("tools").getAsJsonArray().size() == 0);
        f.unsupportedUnless("functions", false);
        f.unsupportedUnless("tool_choice", f.get("tool_choice") instanceof JsonPrimitive p
                && "none".equals(p.getAsString()));
        f.unsupportedUnless("response_format", f.get("response_format") != null
                && f.get("response_format").isJsonObject()
                && "\"text\"".equals(String.valueOf(f.get("response_format").getAsJsonObject().get("type"))));
        f.unsupportedUnless("presence_penalty", f.number("presence_penalty", 0, -2, 2, false) == 0);
        f.unsupportedUnless("frequency_penalty", f.number("frequency_penalty", 0, -2, 2, false) == 0);
    }

    private static List<ChatTemplate.Message> messages(Fields f) {
        if (!f.has("messages")) {
            throw ApiException.invalid("messages", "'messages' is required (an array of {role, content})");
        }
        JsonElement e = f.get("messages");
        if (!(e instanceof JsonArray a) || a.size() == 0) {
            throw ApiException.invalid("messages", "'messages' must be a non-empty array, got " + Fields.kind(e));
        }
        if (a.size() > 256) {
            throw ApiException.invalid("messages", "'messages' has " + a.size() + " items; at most 256");
        }
        List<ChatTemplate.Message> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String where = "messages[" + i + "]";
            if (!(a.get(i) instanceof JsonObject m)) {
                throw ApiException.invalid(where, "'" + where + "' must be an object {role, content}, got "
                        + Fields.kind(a.get(i)));
            }
            Fields mf = new Fields(m);
            String role = mf.has("role") ? Fields.string(where + ".role", mf.get("role")) : null;
            if (role == null || !ROLES.contains(role)) {
                throw ApiException.invalid(where + ".role", "'" + where + ".role' must be one of " + ROLES
                        + (role == null ? " (it is missing)" : ", got '" + role + "'"));
            }
            out.add(new ChatTemplate.Message(role, content(where + ".content", mf.get("content"))));
        }
        return out;
    }

    /** A message's content: a string, or an array of {@code {"type": "text", "text": ...}} parts. */
    private static String content(String where, JsonElement e) {
        if (e == null) {
            throw ApiException.invalid(where, "'" + where + "' is required");
        }
        if (e instanceof JsonArray parts) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                String pw = where + "[" + i + "]";
                if (!(parts.get(i) instanceof JsonObject part)) {
                    throw ApiException.invalid(pw, "'" + pw + "' must be an object {type, text}");
                }
                Fields pf = new Fields(part);
                String type = pf.string("type", (String) null);
                if (!"text".equals(type)) {
                    throw ApiException.invalid(pw + ".type", "'" + pw + ".type' must be 'text'; this server takes "
                            + "images at its own endpoints (/v1/captions), got " + (type == null ? "none" : type));
                }
                sb.append(Fields.string(pw + ".text", pf.get("text")));
            }
            return sb.toString();
        }
        return Fields.string(where, e);
    }
}
