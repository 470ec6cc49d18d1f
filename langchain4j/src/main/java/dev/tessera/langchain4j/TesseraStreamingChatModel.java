package dev.tessera.langchain4j;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.tessera.serve.batch.Completion;
import dev.tessera.serve.batch.JobListener;

/**
 * A LangChain4j {@link StreamingChatModel} over a Tessera model loaded in this process: the reply's text reaches
 * {@link StreamingChatResponseHandler#onPartialResponse(String)} as it is decoded (whole characters, never part of
 * a stop string), then {@code onCompleteResponse}. The handler is called on the batch's thread: it should hand the
 * text on, not block.
 *
 * <pre>{@code
 * // given: TesseraModel m, dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler
 * TesseraStreamingChatModel chat = TesseraStreamingChatModel.builder().model(m).maxTokens(60).build();
 * chat.chat("Who is Ahab?", handler);
 * }</pre>
 */
public final class TesseraStreamingChatModel implements StreamingChatModel, AutoCloseable {
    private final TesseraChatEngine engine;

    private TesseraStreamingChatModel(TesseraChatEngine engine) {
        this.engine = engine;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        try {
            engine.start(request, new JobListener() {
                @Override
                public void onText(String piece) {
                    handler.onPartialResponse(piece);
                }

                @Override
                public void onDone(Completion completion) {
                    handler.onCompleteResponse(engine.response(completion));
                }

                @Override
                public void onError(RuntimeException error) {
                    handler.onError(error);
                }
            });
        } catch (RuntimeException e) {
            handler.onError(e);
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

    /** Builds a {@link TesseraStreamingChatModel}; only {@link #model} is required. */
    public static final class Builder extends TesseraChatModel.ChatModelBuilder<Builder> {
        /** @return the streaming chat model */
        public TesseraStreamingChatModel build() {
            return new TesseraStreamingChatModel(engine());
        }
    }
}
