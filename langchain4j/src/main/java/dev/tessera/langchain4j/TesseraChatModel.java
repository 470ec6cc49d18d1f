package dev.tessera.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ModelProvider;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.serve.batch.Completion;
import dev.tessera.serve.batch.Job;
import dev.tessera.serve.batch.JobListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A LangChain4j {@link ChatModel} over a Tessera model loaded in this process (no server). Messages are rendered
 * with the chat template of {@code tessera serve} ({@link dev.tessera.serve.openai.ChatTemplate}); concurrent calls
 * share one continuously batched decode.
 *
 * <pre>{@code
 * try (TesseraModel m = TesseraModel.load(Path.of("moby.tessera"));
 *         TesseraChatModel chat = TesseraChatModel.builder().model(m).temperature(0.7).maxTokens(60).seed(42L).build()) {
 *     System.out.println(chat.chat("Who is Ahab?")); // or AiServices.create(YourAssistant.class, chat)
 * }
 * }</pre>
 */
public final class TesseraChatModel implements ChatModel, AutoCloseable {
    private final TesseraChatEngine engine;

    private TesseraChatModel(TesseraChatEngine engine) {
        this.engine = engine;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        CompletableFuture<Completion> done = new CompletableFuture<>();
        Job job = engine.start(request, new JobListener() {
            @Override
            public void onText(String piece) { }

            @Override
            public void onDone(Completion completion) {
                done.complete(completion);
            }

            @Override
            public void onError(RuntimeException error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return engine.response(done.get());
        } catch (InterruptedException e) {
            job.cancel();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    /** Stops the model's batch (the Tessera model itself stays open). */
    @Override
    public void close() {
        engine.close();
    }

    /** Builds a {@link TesseraChatModel}; only {@link #model} is required. */
    public static final class Builder extends ChatModelBuilder<Builder> {
        /** @return the chat model */
        public TesseraChatModel build() {
            return new TesseraChatModel(engine());
        }
    }

    /**
     * The settings both builders share, in LangChain4j's style (one method per setting, {@code build()} at the end).
     *
     * @param <B> the builder's own type
     */
    public abstract static class ChatModelBuilder<B extends ChatModelBuilder<B>> {
        private TesseraModel model;
        private String modelName;
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private Long seed;
        private List<String> stop;
        private int batch = 8;
        private int queue = 32;

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        /**
         * @param model the loaded Tessera model (required; the caller closes it)
         * @return this builder
         */
        public B model(TesseraModel model) {
            this.model = model;
            return self();
        }

        /**
         * @param name the name reported in responses (default "tessera")
         * @return this builder
         */
        public B modelName(String name) {
            this.modelName = name;
            return self();
        }

        /**
         * @param t the default temperature, 0 for greedy (default 0.7)
         * @return this builder
         */
        public B temperature(Double t) {
            this.temperature = t;
            return self();
        }

        /**
         * @param p the default top-p (default 1)
         * @return this builder
         */
        public B topP(Double p) {
            this.topP = p;
            return self();
        }

        /**
         * @param n the default most tokens per reply (default 256)
         * @return this builder
         */
        public B maxTokens(Integer n) {
            this.maxTokens = n;
            return self();
        }

        /**
         * @param s the seed of every reply (default: a new one each time)
         * @return this builder
         */
        public B seed(Long s) {
            this.seed = s;
            return self();
        }

        /**
         * @param s default stop strings (the template's turn markers always stop)
         * @return this builder
         */
        public B stopSequences(List<String> s) {
            this.stop = s == null ? null : List.copyOf(s);
            return self();
        }

        /**
         * @param rows the most replies decoded at once (default 8)
         * @param waiting the most waiting for a row (default 32)
         * @return this builder
         */
        public B batch(int rows, int waiting) {
            this.batch = rows;
            this.queue = waiting;
            return self();
        }

        TesseraChatEngine engine() {
            return new TesseraChatEngine(model, modelName, new TesseraChatEngine.Settings(temperature, topP, maxTokens,
                    seed, stop), batch, queue);
        }
    }
}
