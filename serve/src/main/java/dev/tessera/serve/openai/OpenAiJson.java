package dev.tessera.serve.openai;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** The JSON objects of OpenAI's completion and chat completion responses and stream chunks. */
final class OpenAiJson {
    private OpenAiJson() { }

    static JsonObject usage(int prompt, int completion) {
        JsonObject u = new JsonObject();
        u.addProperty("prompt_tokens", prompt);
        u.addProperty("completion_tokens", completion);
        u.addProperty("total_tokens", prompt + completion);
        return u;
    }

    static JsonObject envelope(String id, String object, long created, String model) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("object", object);
        o.addProperty("created", created);
        o.addProperty("model", model);
        o.addProperty("system_fingerprint", "tessera");
        return o;
    }

    static JsonObject choice(boolean chat, int index, String text, String finish, boolean delta, boolean first) {
        JsonObject c = new JsonObject();
        c.addProperty("index", index);
        if (chat) {
            JsonObject m = new JsonObject();
            if (!delta || first) {
                m.addProperty("role", "assistant");
            }
            if (text != null) {
                m.addProperty("content", text);
            }
            c.add(delta ? "delta" : "message", m);
            c.add("logprobs", JsonNull.INSTANCE);
        } else {
            c.addProperty("text", text == null ? "" : text);
            c.add("logprobs", JsonNull.INSTANCE);
        }
        if (finish == null) {
            c.add("finish_reason", JsonNull.INSTANCE);
        } else {
            c.addProperty("finish_reason", finish);
        }
        return c;
    }

    static JsonArray array(JsonObject... items) {
        JsonArray a = new JsonArray();
        for (JsonObject o : items) {
            a.add(o);
        }
        return a;
    }
}
