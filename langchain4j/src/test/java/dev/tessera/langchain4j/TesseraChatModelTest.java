package dev.tessera.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.serve.TinyModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TesseraChatModelTest {
    private static TesseraModel model;
    private static TesseraChatModel chat;
    private static TesseraStreamingChatModel streaming;

    @BeforeAll
    static void load() {
        model = TinyModels.text(128);
        chat = TesseraChatModel.builder().model(model).modelName("tiny").temperature(0.9).maxTokens(24).seed(5L)
                .build();
        streaming = TesseraStreamingChatModel.builder().model(model).modelName("tiny").temperature(0.9)
                .maxTokens(24).seed(5L).build();
    }

    @AfterAll
    static void close() {
        chat.close();
        streaming.close();
        model.close();
    }

    @Test
    void chat_repliesWithUsageAndFinishReason_andIsSeeded() {
        ChatResponse a = chat.chat(UserMessage.from("Call me Ishmael."));
        ChatResponse b = chat.chat(UserMessage.from("Call me Ishmael."));
        assertEquals(a.aiMessage().text(), b.aiMessage().text(), "the builder's seed makes replies repeat");
        assertEquals("tiny", a.modelName());
        assertEquals("User: Call me Ishmael.\nAssistant:".length(), a.tokenUsage().inputTokenCount());
        assertTrue(a.tokenUsage().outputTokenCount() >= 1 && a.tokenUsage().outputTokenCount() <= 24);
        assertTrue(a.finishReason() == FinishReason.LENGTH || a.finishReason() == FinishReason.STOP);
        ChatResponse shorter = chat.chat(ChatRequest.builder().messages(UserMessage.from("Call me Ishmael."))
                .maxOutputTokens(5).build());
        assertTrue(shorter.tokenUsage().outputTokenCount() <= 5, "the request's max tokens win over the builder's");
    }

    @Test
    void streaming_handsOutPieces_thatMakeTheSameReply() throws Exception {
        List<String> pieces = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(List.of(UserMessage.from("The whale"), AiMessage.from("rose."), UserMessage.from("Then?")),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String piece) {
                        pieces.add(piece);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse r) {
                        done.complete(r);
                    }

                    @Override
                    public void onError(Throwable e) {
                        done.completeExceptionally(e);
                    }
                });
        ChatResponse r = done.get(60, TimeUnit.SECONDS);
        assertEquals(r.aiMessage().text(), String.join("", pieces));
        assertEquals(chat.chat(UserMessage.from("The whale"), AiMessage.from("rose."), UserMessage.from("Then?"))
                .aiMessage().text(), r.aiMessage().text(), "streamed and not, the same seeded reply");
    }

    @Test
    void concurrentCalls_shareTheBatch_andGiveTheSequentialReplies() throws Exception {
        List<String> one = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            one.add(chat.chat("question " + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> f = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int k = i;
                f.add(pool.submit(() -> chat.chat("question " + k)));
            }
            for (int i = 0; i < 6; i++) {
                assertEquals(one.get(i), f.get(i).get(), "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void toolsAndImages_areRefusedWithAClearMessage() {
        ChatRequest tools = ChatRequest.builder().messages(UserMessage.from("hi"))
                .toolSpecifications(ToolSpecification.builder().name("weather").build()).build();
        InvalidRequestException t = assertThrows(InvalidRequestException.class, () -> chat.chat(tools));
        assertTrue(t.getMessage().contains("tool"), t.getMessage());
        UserMessage picture = UserMessage.from(TextContent.from("what is this?"),
                ImageContent.from("aGVsbG8=", "image/png"));
        InvalidRequestException i = assertThrows(InvalidRequestException.class, () -> chat.chat(picture));
        assertTrue(i.getMessage().contains("text only"), i.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TesseraChatModel.builder().build());
    }
}
