package dev.tessera.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.tessera.core.api.GenerationPlan;
import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.serve.batch.BatchObserver;
import dev.tessera.serve.batch.Completion;
import dev.tessera.serve.batch.ContinuousBatcher;
import dev.tessera.serve.batch.Job;
import dev.tessera.serve.batch.JobListener;
import dev.tessera.serve.batch.QueueFullException;
import dev.tessera.serve.openai.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What both chat models share: the loaded model, its text modality, the defaults from the builder, and a
 * {@link ContinuousBatcher}, so concurrent calls in one process share one batched decode as a server's do.
 * Messages become the prompt through the server's {@link ChatTemplate}, so a conversation reads the same here and
 * over HTTP.
 */
final class TesseraChatEngine implements AutoCloseable {
    private final TesseraModel model;
    private final String modelName;
    private final String text;
    private final Settings defaults;
    private final ContinuousBatcher batcher;

    /** The builder's defaults (null fields mean "the engine's default"). */
    record Settings(Double temperature, Double topP, Integer maxTokens, Long seed, List<String> stop) { }

    TesseraChatEngine(TesseraModel model, String modelName, Settings defaults, int batch, int queue) {
        if (model == null) {
            throw new IllegalArgumentException("model is required: TesseraChatModel.builder().model(loadedModel)");
        }
        this.model = model;
        this.modelName = modelName == null ? "tessera" : modelName;
        this.text = textModality(model);
        this.defaults = defaults;
        this.batcher = new ContinuousBatcher(model, batch, queue, BatchObserver.NONE);
    }

    private static String textModality(TesseraModel model) {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, ?> e : model.modalities().entrySet()) {
            if (model.modalities().get(e.getKey()).type() == String.class) {
                names.add(e.getKey());
            }
        }
        if (names.contains("text")) {
            return "text";
        }
        if (names.size() != 1) {
            throw new IllegalArgumentException("a chat model needs one text modality; the model has "
                    + model.modalities().keySet());
        }
        return names.get(0);
    }

    String modelName() {
        return modelName;
    }

    /**
     * Starts one reply.
     *
     * @param request LangChain4j's request
     * @param listener receives the text and the end
     * @return the job (cancel it to stop)
     * @throws InvalidRequestException for tools, non-text content or out-of-range settings
     * @throws RateLimitException if the batch and its queue are full
     */
    Job start(ChatRequest request, JobListener listener) {
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) {
            throw new InvalidRequestException("Tessera models do not call tools; remove the tool specifications");
        }
        String prompt = ChatTemplate.render(messages(request.messages()));
        double temperature = pick(request.temperature(), defaults.temperature(), 0.7);
        double topP = pick(request.topP(), defaults.topP(), 1.0);
        int maxTokens = request.maxOutputTokens() != null ? request.maxOutputTokens()
                : defaults.maxTokens() != null ? defaults.maxTokens() : 256;
        long seed = defaults.seed() != null ? defaults.seed() : System.nanoTime();
        List<String> stops = new ArrayList<>(request.stopSequences() != null && !request.stopSequences().isEmpty()
                ? request.stopSequences() : defaults.stop() == null ? List.of() : defaults.stop());
        stops.addAll(ChatTemplate.STOPS);
        GenerationPlan<String> plan;
        try {
            SamplingConfig s = temperature == 0 ? SamplingConfig.greedy(maxTokens)
                    : SamplingConfig.sample(temperature, seed, maxTokens).withTopP(topP);
            plan = model.plan(Prompt.of(Prompt.part(text, prompt)), text, String.class, s);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        if (plan.prompt().length >= model.contextLength()) {
            throw new InvalidRequestException("the conversation is " + plan.prompt().length + " tokens; the model "
                    + "reads at most " + model.contextLength() + ", prompt and answer together");
        }
        try {
            return batcher.submit(plan, stops, listener);
        } catch (QueueFullException e) {
            throw new RateLimitException(e.getMessage());
        }
    }

    ChatResponse response(Completion c) {
        return ChatResponse.builder().aiMessage(AiMessage.from(c.text())).modelName(modelName)
                .tokenUsage(new TokenUsage(c.promptTokens(), c.completionTokens()))
                .finishReason("stop".equals(c.finishReason()) ? FinishReason.STOP : FinishReason.LENGTH).build();
    }

    private static double pick(Double request, Double builder, double fallback) {
        return request != null ? request : builder != null ? builder : fallback;
    }

    private static List<ChatTemplate.Message> messages(List<ChatMessage> in) {
        List<ChatTemplate.Message> out = new ArrayList<>();
        for (ChatMessage m : in) {
            if (m instanceof SystemMessage s) {
                out.add(new ChatTemplate.Message("system", s.text()));
            } else if (m instanceof UserMessage u) {
                if (!u.hasSingleText()) {
                    throw new InvalidRequestException("a user message must be text only; this one has "
                            + u.contents().size() + " parts");
                }
                out.add(new ChatTemplate.Message("user", u.singleText()));
            } else if (m instanceof AiMessage a) {
                out.add(new ChatTemplate.Message("assistant", a.text() == null ? "" : a.text()));
            } else {
                throw new InvalidRequestException("a " + m.type() + " message is not supported (no tools)");
            }
        }
        if (out.isEmpty()) {
            throw new InvalidRequestException("a chat request needs at least one message");
        }
        return out;
    }

    @Override
    public void close() {
        batcher.close();
    }
}
